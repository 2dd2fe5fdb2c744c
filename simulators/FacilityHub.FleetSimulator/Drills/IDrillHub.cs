namespace FacilityHub.FleetSimulator.Drills;

/// <summary>Where a drill reads the hub's answer: its alarms and work orders at the given sites, and its ingestion counters.</summary>
public interface IDrillHub
{
    /// <summary>The alarms at the sites, each at the time its occurrence was raised; and for an occurrence of one of
    /// <paramref name="devices"/> raised before <paramref name="since"/> and still unacknowledged, each time its
    /// condition came back (annunciated again) since then, as one more entry at that time: a drill's fault on an item
    /// whose old alarm nobody acknowledged re-trips that alarm (ISA-18.2: the same occurrence) rather than raising a new one.</summary>
    Task<IReadOnlyList<DrillAlarm>> ListAlarmsAsync(IReadOnlyCollection<string> siteIds, DateTimeOffset since, IReadOnlySet<string> devices, CancellationToken cancellationToken);

    Task<IReadOnlyList<DrillWorkOrder>> ListWorkOrdersAsync(IReadOnlyCollection<string> siteIds, CancellationToken cancellationToken);

    /// <summary>The hub's ingestion counters; null when the caller's role may not read them (only operators and admins may).</summary>
    Task<DrillIngestionStats?> GetIngestionStatsAsync(CancellationToken cancellationToken);
}
