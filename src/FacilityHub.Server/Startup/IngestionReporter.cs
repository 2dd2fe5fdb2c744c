using FacilityHub.Ingestion.Pipeline;

namespace FacilityHub.Server.Startup;

/// <summary>Every few seconds, one line on what the pipeline did (only when something changed), so the console
/// of the local run shows telemetry flowing.</summary>
public sealed partial class IngestionReporter(IngestionStats stats, TimeProvider time, ILogger<IngestionReporter> logger) : BackgroundService
{
    public static readonly TimeSpan Period = TimeSpan.FromSeconds(5);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Period, time);
        long lastAccepted = 0, lastRejected = 0;
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                long accepted = stats.Accepted, rejected = stats.Rejected.Values.Sum();
                if (accepted == lastAccepted && rejected == lastRejected) continue;
                LogProgress(accepted, (accepted - lastAccepted) / Period.TotalSeconds, stats.PointsWritten, stats.PointsFailed, rejected);
                (lastAccepted, lastRejected) = (accepted, rejected);
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Telemetry: {Accepted} messages accepted ({Rate:0.#}/s), {Written} points stored in InfluxDB, {Failed} failed, {Rejected} rejected")]
    private partial void LogProgress(long accepted, double rate, long written, long failed, long rejected);
}
