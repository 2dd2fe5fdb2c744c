using FacilityHub.Domain.Alarms;

namespace FacilityHub.Grains.Sites;

/// <summary>A site's <see cref="AlarmKpiReport"/> (EEMUA 191 intervals of 10 minutes), plus
/// <see cref="ActivationsRecorded"/>: every activation the site has logged, ever (a counter for metrics).</summary>
[GenerateSerializer, Immutable, Alias("fh.AlarmKpiView")]
public sealed record AlarmKpiView(
    DateTimeOffset From,
    DateTimeOffset To,
    int Activations,
    double AveragePerInterval,
    int PeakPerInterval,
    DateTimeOffset? PeakIntervalStart,
    int InLatestInterval,
    bool FloodActive,
    int FloodIntervals,
    int FloodPeriods,
    double PercentTimeInFlood,
    ChatteringAlarmView[] Chattering,
    StaleAlarmView[] Stale,
    FrequentAlarmView[] MostFrequent,
    long ActivationsRecorded)
{
    public static AlarmKpiView Of(AlarmKpiReport r, long activationsRecorded) => new(
        r.From, r.To, r.Activations, r.AveragePerInterval, r.PeakPerInterval, r.PeakIntervalStart, r.InLatestInterval,
        r.FloodActive, r.FloodIntervals, r.FloodPeriods, r.PercentTimeInFlood,
        [.. r.Chattering.Select(ChatteringAlarmView.Of)], [.. r.Stale.Select(StaleAlarmView.Of)], [.. r.MostFrequent.Select(FrequentAlarmView.Of)],
        activationsRecorded);
}
