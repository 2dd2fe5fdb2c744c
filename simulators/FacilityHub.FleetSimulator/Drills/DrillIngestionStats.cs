namespace FacilityHub.FleetSimulator.Drills;

/// <summary>The hub's ingestion counters (GetIngestionStats): messages accepted, rejections by reason.</summary>
public sealed record DrillIngestionStats(long Accepted, IReadOnlyDictionary<string, long> Rejected)
{
    /// <summary>What changed from <paramref name="before"/> to these counters.</summary>
    public DrillIngestionStats Since(DrillIngestionStats before)
    {
        ArgumentNullException.ThrowIfNull(before);
        return new(Accepted - before.Accepted, Rejected.ToDictionary(r => r.Key, r => r.Value - before.Rejected.GetValueOrDefault(r.Key), StringComparer.Ordinal));
    }
}
