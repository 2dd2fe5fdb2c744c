using FacilityHub.Domain.Alarms;

namespace FacilityHub.Domain.Tests;

public sealed class AlarmKpisTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset DayAgo = Now.AddHours(-24);

    private static AlarmActivation Activation(string tag, DateTimeOffset at, string site = "riverside", int occurrence = 1) =>
        new(tag, $"{tag}/{occurrence}", site, AlarmPriority.Emergency, at);

    /// <summary><paramref name="count"/> activations of different tags, one every <paramref name="every"/> from <paramref name="first"/>.</summary>
    private static IEnumerable<AlarmActivation> Burst(DateTimeOffset first, int count, TimeSpan every, string site = "riverside") =>
        Enumerable.Range(0, count).Select(i => Activation($"{site}-pump-{i}/pressure_collapse", first + every * i, site));

    private static AlarmKpiReport Kpis(IEnumerable<AlarmActivation> activations, IEnumerable<ActiveAlarm>? active = null, TimeSpan? window = null) =>
        AlarmKpis.Compute(activations, active ?? [], Now - (window ?? TimeSpan.FromHours(24)), Now);

    [Fact]
    public void Eleven_activations_in_ten_minutes_are_a_flood()
    {
        var kpis = Kpis(Burst(Now.AddMinutes(-39), 11, TimeSpan.FromSeconds(50)));

        Assert.Equal(11, kpis.Activations);
        Assert.Equal(11, kpis.PeakPerInterval);
        Assert.Equal(Now.AddMinutes(-40), kpis.PeakIntervalStart);
        Assert.Equal(1, kpis.FloodIntervals);
        Assert.Equal(1, kpis.FloodPeriods);
        Assert.Equal(100.0 / 144, kpis.PercentTimeInFlood, 9);
        Assert.False(kpis.FloodActive);
    }

    [Fact]
    public void Ten_activations_in_ten_minutes_are_not_a_flood()
    {
        var kpis = Kpis(Burst(Now.AddMinutes(-39), 10, TimeSpan.FromSeconds(50)));

        Assert.Equal(10, kpis.PeakPerInterval);
        Assert.Equal(0, kpis.FloodIntervals);
        Assert.Equal(0, kpis.FloodPeriods);
        Assert.Equal(0.0, kpis.PercentTimeInFlood);
    }

    [Fact]
    public void The_average_rate_is_per_ten_minutes_over_the_whole_window()
    {
        // 36 activations in 24 h (144 intervals): 0.25 per 10 minutes.
        var kpis = Kpis(Burst(DayAgo.AddMinutes(20), 36, TimeSpan.FromMinutes(30)));

        Assert.Equal(36, kpis.Activations);
        Assert.Equal(0.25, kpis.AveragePerInterval, 12);
        Assert.Equal(1, kpis.PeakPerInterval);
    }

    [Fact]
    public void Intervals_are_counted_back_from_now_and_a_boundary_activation_belongs_to_the_older_interval()
    {
        var activations = Burst(Now.AddMinutes(-10), 11, TimeSpan.Zero)           // exactly at the start of the latest interval
            .Concat(Burst(Now, 3, TimeSpan.Zero))                                   // exactly now: the latest interval
            .Append(Activation("old/rule", DayAgo))                                 // exactly at the window's start: outside
            .Append(Activation("future/rule", Now.AddSeconds(1)));                  // after now: outside

        var kpis = Kpis(activations);

        Assert.Equal(14, kpis.Activations);
        Assert.Equal(3, kpis.InLatestInterval);
        Assert.Equal(11, kpis.PeakPerInterval);
        Assert.Equal(Now.AddMinutes(-20), kpis.PeakIntervalStart);
        Assert.False(kpis.FloodActive);
        Assert.Equal(1, kpis.FloodIntervals);
    }

    [Fact]
    public void A_flood_in_the_latest_interval_is_active_and_consecutive_flood_intervals_are_one_flood()
    {
        // 12 in each of the last three intervals, then 12 more an hour earlier: two floods, four flood intervals.
        var activations = Burst(Now.AddMinutes(-29), 36, TimeSpan.FromSeconds(48))
            .Concat(Burst(Now.AddMinutes(-69), 12, TimeSpan.FromSeconds(30)));

        var kpis = Kpis(activations, window: TimeSpan.FromHours(2));

        Assert.Equal(new[] { 12, 4 }, new[] { kpis.PeakPerInterval, kpis.FloodIntervals });
        Assert.True(kpis.FloodActive);
        Assert.Equal(2, kpis.FloodPeriods);
        Assert.Equal(4 * 100.0 / 12, kpis.PercentTimeInFlood, 9);
    }

    [Fact]
    public void Floods_are_per_operator_position()
    {
        // 11 in ten minutes, but split over two sites: neither operator position is flooded.
        var activations = Burst(Now.AddMinutes(-9), 6, TimeSpan.FromSeconds(30), "riverside")
            .Concat(Burst(Now.AddMinutes(-9), 5, TimeSpan.FromSeconds(30), "hillside"));

        var kpis = Kpis(activations);

        Assert.Equal(11, kpis.InLatestInterval);
        Assert.Equal(0, kpis.FloodIntervals);
        Assert.False(kpis.FloodActive);
    }

    [Fact]
    public void A_short_oldest_interval_counts_its_own_length_in_flood()
    {
        // A 25-minute window: intervals of 10, 10 and 5 minutes; a flood in the 5-minute one is 20 % of the time.
        var kpis = Kpis(Burst(Now.AddMinutes(-24), 11, TimeSpan.FromSeconds(20)), window: TimeSpan.FromMinutes(25));

        Assert.Equal(Now.AddMinutes(-25), kpis.PeakIntervalStart);
        Assert.Equal(20.0, kpis.PercentTimeInFlood, 9);
        Assert.Equal(11 / 2.5, kpis.AveragePerInterval, 12);
    }

    [Fact]
    public void Three_activations_within_59_seconds_chatter()
    {
        const string Tag = "rs-b2-alarm-0902/zone_tripped";
        var t = Now.AddHours(-3);
        var kpis = Kpis([Activation(Tag, t, occurrence: 1), Activation(Tag, t.AddSeconds(20), occurrence: 2), Activation(Tag, t.AddSeconds(59), occurrence: 3)]);

        var chattering = Assert.Single(kpis.Chattering);
        Assert.Equal(new ChatteringAlarm(Tag, 3, 3, t.AddSeconds(59)), chattering);
    }

    [Fact]
    public void Three_activations_spread_over_61_seconds_do_not_chatter()
    {
        const string Tag = "rs-b2-alarm-0902/zone_tripped";
        var t = Now.AddHours(-3);
        var kpis = Kpis([Activation(Tag, t, occurrence: 1), Activation(Tag, t.AddSeconds(30), occurrence: 2), Activation(Tag, t.AddSeconds(61), occurrence: 3)]);

        Assert.Empty(kpis.Chattering);
    }

    [Fact]
    public void A_chattering_alarm_counts_all_its_activations_and_its_densest_minute()
    {
        const string Tag = "rs-b1-pump-1/pressure_collapse";
        var t = Now.AddHours(-5);
        var times = new[] { t, t.AddMinutes(10), t.AddMinutes(10).AddSeconds(5), t.AddMinutes(10).AddSeconds(10), t.AddMinutes(10).AddSeconds(40), t.AddMinutes(30) };
        var kpis = Kpis(times.Select((at, i) => Activation(Tag, at, occurrence: i + 1)).Append(Activation("rs-b1-pump-2/pressure_collapse", t)));

        Assert.Equal([new ChatteringAlarm(Tag, 6, 4, t.AddMinutes(30))], kpis.Chattering);
    }

    [Fact]
    public void An_alarm_active_for_24_hours_and_a_second_is_stale()
    {
        var active = new[]
        {
            new ActiveAlarm("rs-b1-pump-1/pressure_collapse", "rs-b1-pump-1/pressure_collapse/4", DayAgo.AddSeconds(-1)),
            new ActiveAlarm("rs-b1-pump-2/pressure_collapse", "rs-b1-pump-2/pressure_collapse/1", DayAgo),
            new ActiveAlarm("rs-b1-alarm-0301/zone_tripped", "rs-b1-alarm-0301/zone_tripped/2", DayAgo.AddDays(-3)),
        };

        var kpis = Kpis([], active);

        Assert.Equal(
            [
                new StaleAlarm("rs-b1-alarm-0301/zone_tripped", "rs-b1-alarm-0301/zone_tripped/2", DayAgo.AddDays(-3), TimeSpan.FromDays(4)),
                new StaleAlarm("rs-b1-pump-1/pressure_collapse", "rs-b1-pump-1/pressure_collapse/4", DayAgo.AddSeconds(-1), TimeSpan.FromHours(24) + TimeSpan.FromSeconds(1)),
            ],
            kpis.Stale);
    }

    [Fact]
    public void The_top_ten_are_the_most_frequent_tags_with_ties_broken_by_tag()
    {
        // Tag "t00" activates 12 times, "t01".."t11" once or twice: the top ten lists t00, then the ones seen twice, then ones.
        var t = Now.AddHours(-12);
        var activations = Enumerable.Range(0, 12).Select(i => Activation("t00/rule", t.AddMinutes(15 * i), occurrence: i + 1))
            .Concat(Enumerable.Range(1, 11).Select(i => Activation($"t{i:00}/rule", t.AddMinutes(i))))
            .Concat(new[] { 9, 4 }.Select(i => Activation($"t{i:00}/rule", t.AddHours(1), occurrence: 2)))
            .ToList();

        var kpis = Kpis(activations);

        Assert.Equal(25, kpis.Activations);
        Assert.Equal(
            ["t00/rule", "t04/rule", "t09/rule", "t01/rule", "t02/rule", "t03/rule", "t05/rule", "t06/rule", "t07/rule", "t08/rule"],
            kpis.MostFrequent.Select(f => f.Tag));
        Assert.Equal(new FrequentAlarm("t00/rule", 12, 48.0), kpis.MostFrequent[0]);
        Assert.Equal((2, 8.0), (kpis.MostFrequent[1].Activations, kpis.MostFrequent[1].PercentOfActivations));
    }

    [Fact]
    public void A_quiet_window_has_no_peak_and_no_lists()
    {
        var kpis = Kpis([Activation("old/rule", DayAgo.AddMinutes(-1))]);

        Assert.Equal((0, 0.0, 0, (DateTimeOffset?)null, 0), (kpis.Activations, kpis.AveragePerInterval, kpis.PeakPerInterval, kpis.PeakIntervalStart, kpis.InLatestInterval));
        Assert.Empty(kpis.Chattering);
        Assert.Empty(kpis.Stale);
        Assert.Empty(kpis.MostFrequent);
    }

    [Fact]
    public void The_thresholds_can_be_changed()
    {
        var strict = AlarmKpiOptions.Eemua191 with { FloodAbove = 4, ChatterCount = 2, TopCount = 1 };

        var kpis = AlarmKpis.Compute(Burst(Now.AddMinutes(-5), 5, TimeSpan.FromSeconds(10)), [], Now.AddHours(-1), Now, strict);

        Assert.True(kpis.FloodActive);
        Assert.Empty(kpis.Chattering);
        Assert.Single(kpis.MostFrequent);
    }

    [Fact]
    public void A_window_that_does_not_end_after_it_starts_is_a_programming_error()
    {
        Assert.Throws<ArgumentException>(() => AlarmKpis.Compute([], [], Now, Now));
    }
}
