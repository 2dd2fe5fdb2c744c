namespace FacilityHub.Domain.Alarms;

/// <summary>Thresholds of the alarm-system KPIs; the defaults are EEMUA 191's.</summary>
public sealed record AlarmKpiOptions
{
    public static AlarmKpiOptions Eemua191 { get; } = new();

    /// <summary>Length of the intervals that alarm rates and floods are counted in.</summary>
    public TimeSpan Interval { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>An operator position is in flood during an interval with more than this many activations.</summary>
    public int FloodAbove { get; init; } = 10;

    /// <summary>An alarm chatters when it activates at least <see cref="ChatterCount"/> times within <see cref="ChatterWindow"/>.</summary>
    public int ChatterCount { get; init; } = 3;

    public TimeSpan ChatterWindow { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>An alarm active for longer than this is stale.</summary>
    public TimeSpan StaleAfter { get; init; } = TimeSpan.FromHours(24);

    /// <summary>How many of the most frequent alarms are listed.</summary>
    public int TopCount { get; init; } = 10;
}
