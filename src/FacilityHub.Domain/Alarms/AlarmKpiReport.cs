namespace FacilityHub.Domain.Alarms;

/// <summary>
/// Alarm-system KPIs (EEMUA 191) over the window (<see cref="From"/>, <see cref="To"/>]. Intervals are counted back
/// from <see cref="To"/>, so the latest one is the last <see cref="AlarmKpiOptions.Interval"/> (the oldest may be
/// shorter when the window is not a whole number of intervals).
/// </summary>
/// <param name="AveragePerInterval">Activations per interval, averaged over the whole window.</param>
/// <param name="PeakPerInterval">Activations in the busiest interval, which began at <paramref name="PeakIntervalStart"/> (the latest of equals; null without activations).</param>
/// <param name="InLatestInterval">Activations in the latest interval.</param>
/// <param name="FloodActive">Some operator position is in flood in the latest interval.</param>
/// <param name="FloodIntervals">Intervals in which some operator position was in flood.</param>
/// <param name="FloodPeriods">Floods: runs of consecutive flood intervals of one operator position.</param>
/// <param name="PercentTimeInFlood">Share of the window spent in flood intervals, 0..100.</param>
/// <param name="MostFrequent">The most frequent alarms, most activations first, equals by tag.</param>
public sealed record AlarmKpiReport(
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
    IReadOnlyList<ChatteringAlarm> Chattering,
    IReadOnlyList<StaleAlarm> Stale,
    IReadOnlyList<FrequentAlarm> MostFrequent);
