namespace FacilityHub.FleetSimulator.Drills;

/// <summary>Where a drill reads the hub's answer: its alarms and work orders at the given sites, and its ingestion counters.</summary>
public interface IDrillHub
{
    Task<IReadOnlyList<DrillAlarm>> ListAlarmsAsync(IReadOnlyCollection<string> siteIds, CancellationToken cancellationToken);

    Task<IReadOnlyList<DrillWorkOrder>> ListWorkOrdersAsync(IReadOnlyCollection<string> siteIds, CancellationToken cancellationToken);

    /// <summary>The hub's ingestion counters; null when the caller's role may not read them (only operators and admins may).</summary>
    Task<DrillIngestionStats?> GetIngestionStatsAsync(CancellationToken cancellationToken);
}
