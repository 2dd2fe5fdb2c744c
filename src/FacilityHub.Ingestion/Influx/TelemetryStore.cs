using System.Globalization;
using System.Text;
using FacilityHub.Domain.Telemetry;
using FacilityHub.Domain.Topology;
using FacilityHub.Ingestion.Pipeline;
using InfluxDB.Client;
using InfluxDB.Client.Api.Domain;
using InfluxDB.Client.Writes;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace FacilityHub.Ingestion.Influx;

/// <summary>
/// Every accepted point goes to InfluxDB through InfluxDB.Client's batching writer (its own buffer, retries
/// and back-off). Measurement <c>telemetry</c>: one field per metric; measurement <c>events</c>: field
/// <c>zone</c> and <c>count</c>=1. Tags <c>site</c>, <c>building</c>, <c>equipment</c>, <c>kind</c> (and
/// <c>event</c>) make per-site, per-building and per-item queries cheap. No personal data goes into tags.
/// </summary>
public sealed partial class TelemetryStore : IDisposable
{
    private readonly InfluxDBClient _client;
    private readonly WriteApi _writer;
    private readonly InfluxOptions _options;
    private readonly IngestionStats _stats;
    private readonly ILogger<TelemetryStore> _logger;
    private readonly TelemetrySpool _spool;
    private int _loggedFailure;

    public TelemetryStore(IOptions<InfluxOptions> options, IngestionStats stats, ILogger<TelemetryStore> logger)
    {
        _options = options.Value;
        _stats = stats;
        _logger = logger;
        var clientOptions = new InfluxDBClientOptions(_options.Url)
        {
            Org = _options.Org,
            Bucket = _options.Database,
        };
        if (!string.IsNullOrEmpty(_options.Token)) clientOptions.Token = _options.Token;
        if (_options.V1Write) clientOptions.HttpClient = new HttpClient(new V1WriteHandler(new SocketsHttpHandler { UseProxy = false }));
        _client = new InfluxDBClient(clientOptions);
        _spool = new TelemetrySpool(Path.GetFullPath(_options.SpoolDirectory, AppContext.BaseDirectory));
        stats.ObserveSpool(() => _spool.Pending);
        // Few retries: a batch that still fails goes to the spool on disk rather than piling up in memory.
        _writer = _client.GetWriteApi(new WriteOptions
        {
            BatchSize = _options.BatchSize,
            FlushInterval = _options.FlushIntervalMs,
            RetryInterval = 1000,
            MaxRetries = 2,
            MaxRetryDelay = 5_000,
        });
        _writer.EventHandler += OnWriteEvent;
    }

    // Line protocol written directly: PointData is immutable and copies its sorted tag and field maps on every
    // Tag()/Field(), which made the InfluxDB point the largest allocation per message (measured with dotnet-counters).
    public void WriteTelemetry(EquipmentItem item, DateTimeOffset at, IReadOnlyList<MetricValue> values)
    {
        if (values.Count == 0) return;
        var line = new StringBuilder(160).Append("telemetry");
        Tags(line, item).Append(' ');
        for (int i = 0; i < values.Count; i++)
        {
            if (i > 0) line.Append(',');
            Escaped(line, values[i].Metric).Append('=').Append(values[i].Value.ToString("R", CultureInfo.InvariantCulture));
        }
        _writer.WriteRecord(line.Append(' ').Append(UnixNanoseconds(at)).ToString(), WritePrecision.Ns, _options.Database, _options.Org);
    }

    public void WriteEvent(EquipmentItem item, DateTimeOffset at, string eventName, string? zone)
    {
        var line = new StringBuilder(160).Append("events");
        Escaped(Tags(line, item).Append(",event="), eventName).Append(" count=1i");
        if (zone is not null) line.Append(",zone=\"").Append(zone.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal)).Append('"');
        _writer.WriteRecord(line.Append(' ').Append(UnixNanoseconds(at)).ToString(), WritePrecision.Ns, _options.Database, _options.Org);
    }

    // A point is its series and its time: two messages of one device within the same millisecond (no ts of their own,
    // stamped on arrival) would overwrite each other's fields at millisecond precision.
    private static long UnixNanoseconds(DateTimeOffset at) => (at.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) * 100;

    // Tags in key order, as InfluxDB prefers them: building, equipment, kind, site (event comes after).
    private static StringBuilder Tags(StringBuilder line, EquipmentItem item)
    {
        Escaped(line.Append(",building="), item.BuildingId);
        Escaped(line.Append(",equipment="), item.Id);
        Escaped(line.Append(",kind="), item.Kind.Name);
        return Escaped(line.Append(",site="), item.SiteId);
    }

    /// <summary>A tag value or key: comma, space and equals sign escaped (ids never hold them; kind names might).</summary>
    private static StringBuilder Escaped(StringBuilder line, string text)
    {
        if (text.AsSpan().IndexOfAny(", =\\") < 0) return line.Append(text);
        foreach (char c in text)
        {
            if (c is ',' or ' ' or '=' or '\\') line.Append('\\');
            line.Append(c);
        }
        return line;
    }

    /// <summary>Writes out what is buffered (used at shutdown).</summary>
    public void Flush() => _writer.Flush();

    /// <summary>Writes the spooled points again; a no-op when nothing is spooled. Throws while InfluxDB is still down.</summary>
    public async Task ReplaySpoolAsync(CancellationToken cancellationToken)
    {
        if (_spool.Pending == 0) return;
        var writer = _client.GetWriteApiAsync();
        long written = await _spool.ReplayAsync(
            (lines, ct) => writer.WriteRecordsAsync([.. lines], WritePrecision.Ns, _options.Database, _options.Org, ct), cancellationToken).ConfigureAwait(false);
        _stats.CountWritten(written);
        Interlocked.Exchange(ref _loggedFailure, 0);
        LogReplayed(written, _options.Url);
    }

    private void OnWriteEvent(object? sender, EventArgs e)
    {
        switch (e)
        {
            case WriteSuccessEvent ok:
                _stats.CountWritten(Lines(ok.LineProtocol));
                Interlocked.Exchange(ref _loggedFailure, 0);
                break;
            case WriteErrorEvent failed:
                _stats.CountFailed(Lines(failed.LineProtocol));
                _spool.Append(failed.LineProtocol);
                if (Interlocked.Exchange(ref _loggedFailure, 1) == 0) LogWriteFailed(_options.Url, failed.Exception.Message);
                break;
            case WriteRuntimeExceptionEvent crashed:
                LogWriteFailed(_options.Url, crashed.Exception.Message);
                break;
        }
    }

    private static long Lines(string lineProtocol) => lineProtocol.Length == 0 ? 0 : lineProtocol.Count(c => c == '\n') + 1;

    public void Dispose()
    {
        _writer.Dispose();
        _client.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "InfluxDB at {Url} did not take a batch of points after retries: {Error}; spooled to disk, written again when it is back")]
    private partial void LogWriteFailed(string url, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "InfluxDB at {Url} took {Points} spooled points back")]
    private partial void LogReplayed(long points, string url);
}
