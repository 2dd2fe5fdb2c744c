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

    public void WriteTelemetry(EquipmentItem item, DateTimeOffset at, IReadOnlyList<MetricValue> values)
    {
        var point = Tagged(PointData.Measurement("telemetry"), item);
        foreach (var v in values) point = point.Field(v.Metric, v.Value);
        _writer.WritePoint(point.Timestamp(at, WritePrecision.Ms), _options.Database, _options.Org);
    }

    public void WriteEvent(EquipmentItem item, DateTimeOffset at, string eventName, string? zone)
    {
        var point = Tagged(PointData.Measurement("events"), item).Tag("event", eventName).Field("count", 1L);
        if (zone is not null) point = point.Field("zone", zone);
        _writer.WritePoint(point.Timestamp(at, WritePrecision.Ms), _options.Database, _options.Org);
    }

    /// <summary>Writes out what is buffered (used at shutdown).</summary>
    public void Flush() => _writer.Flush();

    /// <summary>Writes the spooled points again; a no-op when nothing is spooled. Throws while InfluxDB is still down.</summary>
    public async Task ReplaySpoolAsync(CancellationToken cancellationToken)
    {
        if (_spool.Pending == 0) return;
        var writer = _client.GetWriteApiAsync();
        long written = await _spool.ReplayAsync(
            (lines, ct) => writer.WriteRecordsAsync([.. lines], WritePrecision.Ms, _options.Database, _options.Org, ct), cancellationToken).ConfigureAwait(false);
        _stats.CountWritten(written);
        Interlocked.Exchange(ref _loggedFailure, 0);
        LogReplayed(written, _options.Url);
    }

    private static PointData Tagged(PointData point, EquipmentItem item) =>
        point.Tag("site", item.SiteId).Tag("building", item.BuildingId).Tag("equipment", item.Id).Tag("kind", item.Kind.Name);

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
