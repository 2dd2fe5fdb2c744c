namespace FacilityHub.Domain.Alarms;

/// <summary>
/// Alarm-system performance per EEMUA 191 from a log of activations and the alarms active now: alarm rate per
/// interval, floods per operator position, chattering, stale and the most frequent alarms. See <see cref="AlarmKpiReport"/>.
/// </summary>
public static class AlarmKpis
{
    /// <summary>The KPIs of the window (<paramref name="from"/>, <paramref name="to"/>]; <paramref name="to"/> is "now"
    /// for the stale alarms. Activations outside the window are ignored.</summary>
    public static AlarmKpiReport Compute(
        IEnumerable<AlarmActivation> activations, IEnumerable<ActiveAlarm> active, DateTimeOffset from, DateTimeOffset to, AlarmKpiOptions? options = null)
    {
        options ??= AlarmKpiOptions.Eemua191;
        if (options.Interval <= TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(options), "the interval must be positive");
        if (to <= from) throw new ArgumentException("the window must end after it starts", nameof(to));

        var window = to - from;
        var inWindow = activations.Where(a => a.RaisedAt > from && a.RaisedAt <= to).ToList();
        long interval = options.Interval.Ticks;
        int intervals = (int)((window.Ticks + interval - 1) / interval);
        // Interval 0 is the latest, (to - Interval, to]; an activation exactly at an interval's start ends the one before.
        int IndexOf(DateTimeOffset t) => (int)((to - t).Ticks / interval);
        TimeSpan LengthOf(int index) => TimeSpan.FromTicks(Math.Min(interval, window.Ticks - index * interval));
        DateTimeOffset StartOf(int index) => to - TimeSpan.FromTicks(index * interval) - LengthOf(index);

        var counts = new int[intervals];
        foreach (var a in inWindow) counts[IndexOf(a.RaisedAt)]++;
        int peak = counts.Length == 0 ? 0 : counts.Max();
        DateTimeOffset? peakStart = peak == 0 ? null : StartOf(Array.IndexOf(counts, peak));

        var (flooded, floodPeriods) = Floods(inWindow, intervals, IndexOf, options.FloodAbove);
        var timeInFlood = TimeSpan.FromTicks(Enumerable.Range(0, intervals).Where(i => flooded[i]).Sum(i => LengthOf(i).Ticks));

        return new AlarmKpiReport(
            from,
            to,
            inWindow.Count,
            inWindow.Count / (window / options.Interval),
            peak,
            peakStart,
            counts[0],
            flooded[0],
            flooded.Count(f => f),
            floodPeriods,
            100.0 * timeInFlood.Ticks / window.Ticks,
            Chattering(inWindow, options),
            Stale(active, to, options),
            MostFrequent(inWindow, options));
    }

    /// <summary>Which intervals some operator position (site) is in flood in, and how many floods (runs of flood
    /// intervals of one position) there were.</summary>
    private static (bool[] Flooded, int Periods) Floods(List<AlarmActivation> activations, int intervals, Func<DateTimeOffset, int> indexOf, int floodAbove)
    {
        var flooded = new bool[intervals];
        int periods = 0;
        foreach (var position in activations.GroupBy(a => a.SiteId, StringComparer.Ordinal))
        {
            var counts = new int[intervals];
            foreach (var a in position) counts[indexOf(a.RaisedAt)]++;
            for (int i = 0; i < intervals; i++)
            {
                if (counts[i] <= floodAbove) continue;
                flooded[i] = true;
                // Walking from the latest interval back, a flood starts where the interval before it was not one.
                if (i == 0 || counts[i - 1] <= floodAbove) periods++;
            }
        }
        return (flooded, periods);
    }

    private static List<ChatteringAlarm> Chattering(List<AlarmActivation> activations, AlarmKpiOptions options)
    {
        var chattering = new List<ChatteringAlarm>();
        foreach (var tag in activations.GroupBy(a => a.Tag, StringComparer.Ordinal))
        {
            var times = tag.Select(a => a.RaisedAt).Order().ToList();
            int most = 0;
            for (int first = 0, last = 0; last < times.Count; last++)
            {
                while (times[last] - times[first] > options.ChatterWindow) first++;
                most = Math.Max(most, last - first + 1);
            }
            if (most >= options.ChatterCount) chattering.Add(new ChatteringAlarm(tag.Key, times.Count, most, times[^1]));
        }
        return [.. chattering.OrderByDescending(c => c.Activations).ThenBy(c => c.Tag, StringComparer.Ordinal)];
    }

    private static List<StaleAlarm> Stale(IEnumerable<ActiveAlarm> active, DateTimeOffset now, AlarmKpiOptions options) =>
    [
        .. active
            .Where(a => now - a.RaisedAt > options.StaleAfter)
            .OrderBy(a => a.RaisedAt).ThenBy(a => a.AlarmId, StringComparer.Ordinal)
            .Select(a => new StaleAlarm(a.Tag, a.AlarmId, a.RaisedAt, now - a.RaisedAt)),
    ];

    private static List<FrequentAlarm> MostFrequent(List<AlarmActivation> activations, AlarmKpiOptions options) =>
    [
        .. activations
            .GroupBy(a => a.Tag, StringComparer.Ordinal)
            .Select(g => (Tag: g.Key, Count: g.Count()))
            .OrderByDescending(t => t.Count).ThenBy(t => t.Tag, StringComparer.Ordinal)
            .Take(options.TopCount)
            .Select(t => new FrequentAlarm(t.Tag, t.Count, 100.0 * t.Count / activations.Count)),
    ];
}
