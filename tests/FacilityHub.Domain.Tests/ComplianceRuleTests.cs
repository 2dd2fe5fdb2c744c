using FacilityHub.Domain.Alarms;
using FacilityHub.Domain.Telemetry;

namespace FacilityHub.Domain.Tests;

/// <summary>Dishwasher wash-water changes per meal period. The clubhouse canteen's own periods (an override in
/// deploy/topology.json, Asia/Shanghai, UTC+8): breakfast 07:00-09:30, lunch 11:30-14:30, dinner 17:30-20:30.</summary>
public sealed class ComplianceRuleTests
{
    // 10:00 local: between breakfast and lunch.
    private static readonly DateTimeOffset Morning = new(2026, 11, 25, 2, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset LunchStart = new(2026, 11, 25, 3, 30, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset LunchEnd = new(2026, 11, 25, 6, 30, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset DinnerStart = new(2026, 11, 25, 9, 30, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset DinnerEnd = new(2026, 11, 25, 12, 30, 0, TimeSpan.Zero);

    private static EquipmentMonitor Canteen(DateTimeOffset start)
    {
        Assert.True(SampleEstate.Load().TryGetEquipment("rs-club-dishwasher-1", out var item));
        return new EquipmentMonitor(item.Kind, start);
    }

    private static void WaterChanges(EquipmentMonitor monitor, DateTimeOffset from, int count)
    {
        for (int i = 0; i < count; i++)
        {
            var at = from.AddMinutes(20 * i);
            Assert.DoesNotContain(monitor.Observe(new DeviceEvent("rs-club-dishwasher-1", at, "water_changed", null), at), c => c.Rule.Id == "water_changes");
        }
    }

    [Fact]
    public void Five_water_changes_at_lunch_is_a_quality_finding_when_lunch_ends_and_it_clears_when_dinner_starts()
    {
        var monitor = Canteen(Morning);
        WaterChanges(monitor, LunchStart.AddMinutes(10), 5);

        Assert.Equal(LunchEnd, monitor.NextDueAt);
        var finding = Assert.Single(monitor.Tick(LunchEnd), c => c.Rule.Id == "water_changes");
        Assert.True(finding.Active);
        Assert.Equal(LunchEnd, finding.At);
        Assert.Equal("lunch 2026-11-25: 5 water_changed, 6 required", finding.Message);
        Assert.Equal(AlarmPriority.Low, finding.Rule.Priority);
        Assert.False(finding.Rule.RaisesWorkOrder);

        var cleared = Assert.Single(monitor.Tick(DinnerStart), c => c.Rule.Id == "water_changes");
        Assert.False(cleared.Active);
    }

    [Fact]
    public void Enough_water_changes_leave_no_finding()
    {
        var monitor = Canteen(Morning);
        WaterChanges(monitor, LunchStart.AddMinutes(5), 6);

        Assert.DoesNotContain(monitor.Tick(LunchEnd), c => c.Active);
    }

    [Fact]
    public void Changes_outside_the_period_do_not_count()
    {
        var monitor = Canteen(Morning);
        WaterChanges(monitor, LunchStart.AddMinutes(-90), 3); // before lunch
        WaterChanges(monitor, LunchStart.AddMinutes(10), 3);

        var finding = Assert.Single(monitor.Tick(LunchEnd), c => c.Rule.Id == "water_changes");
        Assert.Equal("lunch 2026-11-25: 3 water_changed, 6 required", finding.Message);
    }

    [Fact]
    public void A_period_already_under_way_when_the_hub_starts_is_not_judged_but_the_next_one_is()
    {
        var monitor = Canteen(LunchStart.AddHours(1));

        Assert.DoesNotContain(monitor.Tick(LunchEnd), c => c.Active);
        WaterChanges(monitor, DinnerStart, 4);
        Assert.DoesNotContain(monitor.Tick(DinnerEnd), c => c.Active);
    }

    [Fact]
    public void A_hub_that_was_down_through_a_whole_period_judges_it_on_the_next_tick()
    {
        var monitor = Canteen(Morning);

        var late = monitor.Tick(LunchEnd.AddHours(1)).Where(c => c.Rule.Id == "water_changes").ToList();

        Assert.Equal("lunch 2026-11-25: 0 water_changed, 6 required", Assert.Single(late).Message);
    }

    private static EquipmentMonitor ShortPeriods(DateTimeOffset start)
    {
        var estate = Topology.TopologyLoader.Parse("""
            { "kinds": { "dishwasher": {
                "metrics": { "conveyor_running": { "unit": "bool", "min": 0, "max": 1 } }, "events": [ "water_changed" ],
                "rules": [ { "id": "water_changes", "type": "compliance", "event": "water_changed", "timezone": "UTC",
                             "periods": [ { "name": "a", "start": "10:00:00", "end": "10:00:04", "min": 1 }, { "name": "b", "start": "10:00:04", "end": "10:00:08", "min": 1 } ],
                             "only_when": [ { "metric": "conveyor_running", "equals": 1 } ], "priority": "low" } ] } },
              "sites": [ { "id": "s", "name": "S", "buildings": [ { "id": "b", "name": "B", "equipment": [ { "id": "dw", "name": "DW", "kind": "dishwasher" } ] } ] } ] }
            """);
        Assert.True(estate.TryGetEquipment("dw", out var item));
        return new EquipmentMonitor(item.Kind, start);
    }

    [Fact]
    public void Periods_may_be_seconds_long_and_with_only_when_a_period_the_machine_did_not_run_in_is_not_judged()
    {
        var start = new DateTimeOffset(2026, 11, 25, 9, 59, 0, TimeSpan.Zero);
        var monitor = ShortPeriods(start);
        var a = new DateTimeOffset(2026, 11, 25, 10, 0, 0, TimeSpan.Zero);

        // Period a: the conveyor never ran (nothing heard at all): no finding.
        Assert.Empty(monitor.Tick(a.AddSeconds(4)));
        // Period b: it runs, no water change: a finding at its end.
        monitor.Observe(new TelemetryReading("dw", a.AddSeconds(5), [new("conveyor_running", 1)]), a.AddSeconds(5));
        var finding = Assert.Single(monitor.Tick(a.AddSeconds(8)));

        Assert.True(finding.Active);
        Assert.Equal(a.AddSeconds(8), finding.At);
        Assert.Equal("b 2026-11-25: 0 water_changed, 1 required", finding.Message);
    }
}
