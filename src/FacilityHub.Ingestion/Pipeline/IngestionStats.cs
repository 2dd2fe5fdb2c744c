using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using FacilityHub.Domain.Telemetry;

namespace FacilityHub.Ingestion.Pipeline;

/// <summary>Counters of the ingestion pipeline, exported as metrics (meter "FacilityHub.Ingestion") and
/// readable over gRPC.</summary>
public sealed class IngestionStats : IDisposable
{
    public const string MeterName = "FacilityHub.Ingestion";
    private readonly Meter _meter = new(MeterName);
    private readonly Counter<long> _acceptedCounter;
    private readonly Counter<long> _rejectedCounter;
    private readonly ConcurrentDictionary<RejectReason, long> _rejected = new();
    private long _accepted, _written, _failed;
    private Func<long> _spooled = () => 0;

    public IngestionStats()
    {
        _acceptedCounter = _meter.CreateCounter<long>("facilityhub.ingestion.accepted", description: "MQTT messages accepted");
        _rejectedCounter = _meter.CreateCounter<long>("facilityhub.ingestion.rejected", description: "MQTT messages or values rejected, by reason");
        _meter.CreateObservableCounter("facilityhub.ingestion.points_written", () => Interlocked.Read(ref _written), description: "Points confirmed written to the time-series store");
        _meter.CreateObservableCounter("facilityhub.ingestion.points_failed", () => Interlocked.Read(ref _failed), description: "Points the time-series store did not take, after retries");
        _meter.CreateObservableGauge("facilityhub.ingestion.points_spooled", () => PointsSpooled, description: "Points waiting on disk for the time-series store to come back");
    }

    public long Accepted => Interlocked.Read(ref _accepted);
    public long PointsWritten => Interlocked.Read(ref _written);
    public long PointsFailed => Interlocked.Read(ref _failed);

    /// <summary>Points waiting on disk for the time-series store to come back.</summary>
    public long PointsSpooled => _spooled();
    public IReadOnlyDictionary<RejectReason, long> Rejected => new Dictionary<RejectReason, long>(_rejected);

    public void CountAccepted()
    {
        Interlocked.Increment(ref _accepted);
        _acceptedCounter.Add(1);
    }

    public void CountRejected(RejectReason reason)
    {
        _rejected.AddOrUpdate(reason, 1, static (_, c) => c + 1);
        _rejectedCounter.Add(1, new KeyValuePair<string, object?>("reason", reason.ToString()));
    }

    public void CountWritten(long points) => Interlocked.Add(ref _written, points);

    public void CountFailed(long points) => Interlocked.Add(ref _failed, points);

    public void ObserveSpool(Func<long> pending) => _spooled = pending;

    public void Dispose() => _meter.Dispose();
}
