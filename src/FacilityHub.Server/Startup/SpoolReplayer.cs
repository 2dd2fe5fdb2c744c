using FacilityHub.Ingestion.Influx;

namespace FacilityHub.Server.Startup;

/// <summary>Every few seconds, writes the points spooled while InfluxDB was down, once it takes them again.</summary>
public sealed class SpoolReplayer(TelemetryStore store, TimeProvider time) : BackgroundService
{
    public static readonly TimeSpan Period = TimeSpan.FromSeconds(5);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Period, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    await store.ReplaySpoolAsync(stoppingToken);
                }
                catch (Exception) when (!stoppingToken.IsCancellationRequested)
                {
                    // Still down: the spool stays, the next tick tries again (the store logged the outage once).
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }
}
