using FacilityHub.Domain.Alarms;
using FacilityHub.Domain.Telemetry;

namespace FacilityHub.Domain.Tests;

/// <summary>The shipped pump rules for sensor and hydraulic faults that no single limit catches: a stuck pressure
/// sensor (flatline, 120 s) and cavitation (composite, 20 s), on virtual time.</summary>
public sealed class SensorFaultRuleTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 25, 8, 0, 0, TimeSpan.Zero);

    private static EquipmentMonitor Pump()
    {
        Assert.True(SampleEstate.Load().TryGetEquipment("rs-b1-pump-1", out var item));
        return new EquipmentMonitor(item.Kind, T0);
    }

    private static List<ConditionChange> Feed(EquipmentMonitor monitor, string rule, double from, double to, Func<int, (double Pressure, double Flow, double Vibration, double Running)> reading)
    {
        var changes = new List<ConditionChange>();
        var n = 0;
        for (var second = from; second <= to; second += 2, n++)
        {
            var (pressure, flow, vibration, running) = reading(n);
            var at = T0.AddSeconds(second);
            changes.AddRange(monitor.Observe(new TelemetryReading("rs-b1-pump-1", at,
                [new("outlet_pressure_bar", pressure), new("flow_m3h", flow), new("vibration_mm_s", vibration), new("running", running)]), at)
                .Where(c => c.Rule.Id == rule));
        }

        return changes;
    }

    [Fact]
    public void A_pressure_reading_frozen_for_two_minutes_while_running_is_a_stuck_sensor_and_clears_when_it_moves()
    {
        var monitor = Pump();
        var healthy = Feed(monitor, "pressure_sensor_stuck", 0, 300, n => (4.5 + (n % 3 - 1) * 0.01, 30, 2, 1));
        var frozen = Feed(monitor, "pressure_sensor_stuck", 302, 500, _ => (4.52, 30, 2, 1));
        var moving = Feed(monitor, "pressure_sensor_stuck", 502, 504, n => (4.4 + n * 0.02, 30, 2, 1));

        Assert.DoesNotContain(healthy, c => c.Active);
        var stuck = Assert.Single(frozen);
        Assert.True(stuck.Active);
        Assert.Equal(T0.AddSeconds(302 + 120), stuck.At);
        Assert.Equal("sensor_stuck", stuck.Rule.FaultCode);
        Assert.StartsWith("outlet_pressure_bar stuck at 4.52 bar", stuck.Message, StringComparison.Ordinal);
        Assert.False(Assert.Single(moving).Active);
    }

    [Fact]
    public void A_stopped_pump_reading_the_same_pressure_for_hours_is_no_stuck_sensor_and_the_count_restarts_when_it_runs()
    {
        var monitor = Pump();

        var stopped = Feed(monitor, "pressure_sensor_stuck", 0, 7200, _ => (0.4, 0, 0.1, 0));
        var restarted = Feed(monitor, "pressure_sensor_stuck", 7202, 7300, _ => (0.4, 0, 0.1, 1));

        Assert.DoesNotContain(stopped, c => c.Active);
        Assert.DoesNotContain(restarted, c => c.Active); // 98 s of running: under the 120 s limit, whatever came before the start
    }

    [Fact]
    public void The_same_pressure_in_two_readings_far_apart_is_no_stuck_sensor()
    {
        var monitor = Pump();

        var apart = Feed(monitor, "pressure_sensor_stuck", 0, 0, _ => (4.5, 30, 2, 1))
            .Concat(Feed(monitor, "pressure_sensor_stuck", 600, 600, _ => (4.5, 30, 2, 1)));

        Assert.DoesNotContain(apart, c => c.Active);
    }

    [Fact]
    public void Cavitation_needs_sagging_pressure_and_high_vibration_with_flow_for_20_seconds()
    {
        var monitor = Pump();
        var noisy = Feed(monitor, "cavitation", 0, 60, n => (2.9 + (n % 2 == 0 ? 0.6 : -0.5), 16 + n % 3, 4.5 + (n % 2) * 0.3, 1));

        var raised = Assert.Single(noisy);
        Assert.True(raised.Active);
        Assert.Equal(T0.AddSeconds(20), raised.At);
        Assert.Equal("cavitation", raised.Rule.FaultCode);
    }

    [Theory]
    [InlineData(2.5, 0, 4.5)] // dry run: no flow
    [InlineData(0.3, 60, 2.0)] // burst pipe: vibration normal
    [InlineData(4.5, 30, 8.5)] // bearing wear: pressure normal
    public void Other_pump_faults_are_not_taken_for_cavitation(double pressure, double flow, double vibration)
    {
        var monitor = Pump();

        Assert.DoesNotContain(Feed(monitor, "cavitation", 0, 120, _ => (pressure, flow, vibration, 1)), c => c.Active);
    }

    [Fact]
    public void A_flatline_tolerance_takes_wander_within_it_for_standing_still()
    {
        var estate = Topology.TopologyLoader.Parse("""
            { "kinds": { "tank": {
                "metrics": { "level_pct": { "unit": "%", "min": 0, "max": 100 } },
                "rules": [ { "id": "level_stuck", "type": "flatline", "metric": "level_pct", "after_s": 10, "tolerance": 0.5, "priority": "medium" } ] } },
              "sites": [ { "id": "s", "name": "S", "buildings": [ { "id": "b", "name": "B", "equipment": [ { "id": "t", "name": "T", "kind": "tank" } ] } ] } ] }
            """);
        Assert.True(estate.TryGetEquipment("t", out var item));
        var monitor = new EquipmentMonitor(item.Kind, T0);
        List<ConditionChange> Level(double second, double value) =>
            [.. monitor.Observe(new TelemetryReading("t", T0.AddSeconds(second), [new("level_pct", value)]), T0.AddSeconds(second)).Where(c => c.Active)];

        Assert.Empty(Level(0, 50));
        Assert.Empty(Level(4, 50.4));
        Assert.Empty(Level(8, 49.8));
        Assert.Equal(T0.AddSeconds(10), Assert.Single(Level(12, 50.2)).At);
        Assert.Empty(Level(14, 51)); // moved by more than the tolerance: clears, and counts again from here
        Assert.Empty(Level(20, 51.1));
    }
}
