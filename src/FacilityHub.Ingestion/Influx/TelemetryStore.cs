using System.Buffers;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using FacilityHub.Domain.Telemetry;
using FacilityHub.Domain.Topology;
using FacilityHub.Ingestion.Pipeline;
using InfluxDB.Client;
using InfluxDB.Client.Api.Domain;
using Polly;
using Polly.Retry;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace FacilityHub.Ingestion.Influx;

/// <summary>
/// Every accepted point goes to InfluxDB in batches: lines are written as UTF-8 straight into a pooled buffer, and a
/// background loop posts the buffer every <see cref="InfluxOptions.FlushIntervalMs"/> (or once it holds
/// <see cref="InfluxOptions.BatchSize"/> lines), retrying twice with back-off; a batch that still fails goes to the
/// spool on disk (<see cref="ReplaySpoolAsync"/> writes it again). Measurement <c>telemetry</c>: one field per metric;
/// measurement <c>events</c>: field <c>zone</c> and <c>count</c>=1. Tags <c>site</c>, <c>building</c>,
/// <c>equipment</c>, <c>kind</c> (and <c>event</c>) make per-site, per-building and per-item queries cheap. No personal
/// data goes into tags.
/// </summary>
/// <remarks>InfluxDB.Client's batching <c>WriteApi</c> cost 2.7 KB of garbage and ~6 µs of CPU per point here (a
/// record object and a string per line through its Rx pipeline, then every batch joined into one large string: a
/// large-object-heap allocation per flush, hence frequent full collections); this costs neither. The client still
/// replays the spool and answers history queries.</remarks>
public sealed partial class TelemetryStore : IDisposable, IAsyncDisposable
{
    private const int InitialBufferBytes = 64 * 1024;

    private readonly InfluxDBClient _client;
    private readonly InfluxOptions _options;
    private readonly IngestionStats _stats;
    private readonly ILogger<TelemetryStore> _logger;
    private readonly TelemetrySpool _spool;
    private readonly HttpClient _http;
    private readonly Uri _writeUri;
    private readonly ResiliencePipeline _retry;
    private readonly Lock _gate = new();
    private readonly SemaphoreSlim _batchFull = new(0, 1);
    private readonly CancellationTokenSource _stopping = new();
    private readonly Task _flushing;
    // The batch being filled: pooled, so a large batch is no new large-object allocation per flush.
    private byte[] _buffer = ArrayPool<byte>.Shared.Rent(InitialBufferBytes);
    private int _length;
    private int _lines;
    private int _loggedFailure;
    private int _disposed;

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

        _http = new HttpClient(new SocketsHttpHandler { UseProxy = false }) { Timeout = TimeSpan.FromSeconds(10) };
        if (!string.IsNullOrEmpty(_options.Token)) _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Token", _options.Token);
        var url = _options.Url.TrimEnd('/');
        string database = Uri.EscapeDataString(_options.Database);
        _writeUri = new Uri(_options.V1Write
            ? $"{url}/write?db={database}&precision=n"
            : $"{url}/api/v2/write?org={Uri.EscapeDataString(_options.Org)}&bucket={database}&precision=ns");
        // Few retries: a batch that still fails goes to the spool on disk rather than piling up in memory.
        _retry = new ResiliencePipelineBuilder()
            .AddRetry(new RetryStrategyOptions
            {
                MaxRetryAttempts = 2,
                Delay = TimeSpan.FromSeconds(1),
                BackoffType = DelayBackoffType.Exponential,
                MaxDelay = TimeSpan.FromSeconds(5),
                // Worth another try: no answer, a timeout, an overloaded or failing server. Not a refused batch (4xx).
                ShouldHandle = new PredicateBuilder()
                    .Handle<HttpRequestException>(e => e.StatusCode is null or >= HttpStatusCode.InternalServerError or HttpStatusCode.TooManyRequests)
                    .Handle<TaskCanceledException>(),
            })
            .Build();
        _flushing = Task.Run(FlushLoopAsync);
    }

    public void WriteTelemetry(EquipmentItem item, DateTimeOffset at, IReadOnlyList<MetricValue> values)
    {
        if (values.Count == 0) return;
        lock (_gate)
        {
            Append("telemetry"u8);
            Tags(item);
            Append(" "u8);
            for (int i = 0; i < values.Count; i++)
            {
                if (i > 0) Append(","u8);
                Escaped(values[i].Metric);
                Append("="u8);
                AppendNumber(values[i].Value);
            }
            EndLine(at);
        }
    }

    public void WriteEvent(EquipmentItem item, DateTimeOffset at, string eventName, string? zone)
    {
        lock (_gate)
        {
            Append("events"u8);
            Tags(item);
            Append(",event="u8);
            Escaped(eventName);
            Append(" count=1i"u8);
            if (zone is not null)
            {
                Append(",zone=\""u8);
                Append(zone.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal));
                Append("\""u8);
            }
            EndLine(at);
        }
    }

    // A point is its series and its time: two messages of one device within the same millisecond (no ts of their own,
    // stamped on arrival) would overwrite each other's fields at millisecond precision.
    private void EndLine(DateTimeOffset at)
    {
        Append(" "u8);
        Reserve(24);
        ((at.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) * 100).TryFormat(_buffer.AsSpan(_length), out int written, default, CultureInfo.InvariantCulture);
        _length += written;
        Append("\n"u8);
        // A full batch wakes the loop at once; released at most once (the loop may still be posting the last batch).
        if (++_lines >= _options.BatchSize && _batchFull.CurrentCount == 0) _batchFull.Release();
    }

    // Tags in key order, as InfluxDB prefers them: building, equipment, kind, site (event comes after).
    private void Tags(EquipmentItem item)
    {
        Append(",building="u8);
        Escaped(item.BuildingId);
        Append(",equipment="u8);
        Escaped(item.Id);
        Append(",kind="u8);
        Escaped(item.Kind.Name);
        Append(",site="u8);
        Escaped(item.SiteId);
    }

    /// <summary>A tag value or key: comma, space and equals sign escaped (ids never hold them; kind names might).</summary>
    private void Escaped(string text)
    {
        if (text.AsSpan().IndexOfAny(", =\\") < 0)
        {
            Append(text);
            return;
        }
        foreach (char c in text)
        {
            if (c is ',' or ' ' or '=' or '\\') Append("\\"u8);
            Append([c]);
        }
    }

    private void AppendNumber(double value)
    {
        Reserve(32);
        value.TryFormat(_buffer.AsSpan(_length), out int written, "R", CultureInfo.InvariantCulture);
        _length += written;
    }

    private void Append(ReadOnlySpan<byte> utf8)
    {
        Reserve(utf8.Length);
        utf8.CopyTo(_buffer.AsSpan(_length));
        _length += utf8.Length;
    }

    private void Append(ReadOnlySpan<char> text)
    {
        Reserve(Encoding.UTF8.GetMaxByteCount(text.Length));
        _length += Encoding.UTF8.GetBytes(text, _buffer.AsSpan(_length));
    }

    private void Reserve(int bytes)
    {
        if (_length + bytes <= _buffer.Length) return;
        var bigger = ArrayPool<byte>.Shared.Rent(Math.Max(_buffer.Length * 2, _length + bytes));
        _buffer.AsSpan(0, _length).CopyTo(bigger);
        ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = bigger;
    }

    private async Task FlushLoopAsync()
    {
        var interval = TimeSpan.FromMilliseconds(_options.FlushIntervalMs);
        while (!_stopping.IsCancellationRequested)
        {
            try
            {
                await _batchFull.WaitAsync(interval, _stopping.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                break;
            }
            await FlushAsync(_stopping.Token).ConfigureAwait(false);
        }
    }

    /// <summary>Posts what is buffered; a batch InfluxDB does not take after the retries is spooled to disk.</summary>
    private async Task FlushAsync(CancellationToken cancellationToken)
    {
        byte[] batch;
        int length, lines;
        lock (_gate)
        {
            if (_lines == 0) return;
            (batch, length, lines) = (_buffer, _length, _lines);
            _buffer = ArrayPool<byte>.Shared.Rent(Math.Min(batch.Length, 4 * InitialBufferBytes));
            _length = 0;
            _lines = 0;
        }
        try
        {
            await _retry.ExecuteAsync(async ct =>
            {
                using var content = new ByteArrayContent(batch, 0, length);
                content.Headers.ContentType = new MediaTypeHeaderValue("text/plain") { CharSet = "utf-8" };
                using var response = await _http.PostAsync(_writeUri, content, ct).ConfigureAwait(false);
                if (!response.IsSuccessStatusCode)
                {
                    string why = await response.Content.ReadAsStringAsync(ct).ConfigureAwait(false);
                    throw new HttpRequestException($"{(int)response.StatusCode} {response.ReasonPhrase}: {why.Trim()}", null, response.StatusCode);
                }
            }, cancellationToken).ConfigureAwait(false);
            _stats.CountWritten(lines);
            Interlocked.Exchange(ref _loggedFailure, 0);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            _stats.CountFailed(lines);
            _spool.Append(Encoding.UTF8.GetString(batch, 0, length).TrimEnd('\n'));
            if (Interlocked.Exchange(ref _loggedFailure, 1) == 0) LogWriteFailed(_options.Url, e.Message);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(batch);
        }
    }

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

    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();

    /// <summary>Stops the loop and writes out what is still buffered (the hub's shutdown).</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1) return;
        await _stopping.CancelAsync().ConfigureAwait(false);
        await _flushing.ConfigureAwait(false);
        await FlushAsync(CancellationToken.None).ConfigureAwait(false);
        ArrayPool<byte>.Shared.Return(_buffer);
        _http.Dispose();
        _client.Dispose();
        _stopping.Dispose();
        _batchFull.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "InfluxDB at {Url} did not take a batch of points after retries: {Error}; spooled to disk, written again when it is back")]
    private partial void LogWriteFailed(string url, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "InfluxDB at {Url} took {Points} spooled points back")]
    private partial void LogReplayed(long points, string url);
}
