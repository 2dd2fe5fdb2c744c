using FacilityHub.Domain.Alarms;
using FacilityHub.Domain.Telemetry;

namespace FacilityHub.Domain.Tests;

/// <summary>The shipped rules (deploy/topology.json) driven by recorded sequences on virtual time: each
/// observation is made at its reading's time, and the clock moves only through Tick.</summary>
public sealed class EquipmentMonitorTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 25, 8, 0, 0, TimeSpan.Zero);
    private readonly Topology.Estate _estate = SampleEstate.Load();

    private EquipmentMonitor MonitorFor(string equipmentId, DateTimeOffset? start = null)
    {
        Assert.True(_estate.TryGetEquipment(equipmentId, out var item));
        return new EquipmentMonitor(item.Kind, start ?? T0);
    }

    private static IReadOnlyList<ConditionChange> Observe(EquipmentMonitor monitor, TelemetryReading reading) => monitor.Observe(reading, reading.Timestamp);

    private static IReadOnlyList<ConditionChange> Observe(EquipmentMonitor monitor, DeviceEvent e) => monitor.Observe(e, e.Timestamp);

    private static IEnumerable<ConditionChange> Of(IEnumerable<ConditionChange> changes, string ruleId) => changes.Where(c => c.Rule.Id == ruleId);

    private static TelemetryReading Pump(double second, double pressure, double running = 1, double flow = 30) =>
        new("rs-b1-pump-1", T0.AddSeconds(second), [new("outlet_pressure_bar", pressure), new("running", running), new("flow_m3h", flow)]);

    private static TelemetryReading Dishwasher(double second, double wash, double rinse, double conveyor = 1) =>
        new("rs-club-dishwasher-1", T0.AddSeconds(second), [new("wash_temp_c", wash), new("rinse_temp_c", rinse), new("conveyor_running", conveyor)]);

    private static DeviceEvent Panel(double second, string name, string? zone = null) => new("rs-b1-alarm-0301", T0.AddSeconds(second), name, zone);

    [Fact]
    public void A_pressure_collapse_while_running_starts_the_burst_pipe_alarm_once_and_clears_with_the_deadband()
    {
        var monitor = MonitorFor("rs-b1-pump-1");

        var first = Of(Observe(monitor, Pump(0, 4.5)), "pressure_collapse");
        var burst = Of(Observe(monitor, Pump(2, 0.3)), "pressure_collapse");
        var stillLow = Of(Observe(monitor, Pump(4, 0.2)), "pressure_collapse");
        var recovering = Of(Observe(monitor, Pump(6, 1.5)), "pressure_collapse");
        var recovered = Of(Observe(monitor, Pump(8, 4.4)), "pressure_collapse");

        Assert.False(Assert.Single(first).Active); // a new monitor reports its first verdict either way
        var start = Assert.Single(burst);
        Assert.True(start.Active);
        Assert.Equal("burst_pipe", start.Rule.FaultCode);
        Assert.Equal(T0.AddSeconds(2), start.At);
        Assert.Equal("outlet_pressure_bar 0.3 bar (below 1)", start.Message);
        Assert.Empty(stillLow);
        Assert.Empty(recovering); // 1.5 bar is above the 1.0 limit but inside the 1.0 bar deadband
        var clear = Assert.Single(recovered);
        Assert.False(clear.Active);
        Assert.Equal("outlet_pressure_bar 4.4 bar (back above 2)", clear.Message);
    }

    [Fact]
    public void Pressure_chattering_around_the_limit_stays_one_alarm_thanks_to_the_deadband()
    {
        var monitor = MonitorFor("rs-b1-pump-1");
        var changes = new List<ConditionChange>();
        for (int i = 0; i < 20; i++) changes.AddRange(Of(Observe(monitor, Pump(i, i % 2 == 0 ? 0.95 : 1.2)), "pressure_collapse"));

        Assert.Equal([true], changes.Select(c => c.Active));
    }

    [Fact]
    public void Low_pressure_on_a_stopped_pump_is_not_a_burst_pipe()
    {
        var monitor = MonitorFor("rs-b1-pump-1");

        Assert.Empty(Of(Observe(monitor, Pump(0, 0.1, running: 0)), "pressure_collapse"));
        Assert.True(Assert.Single(Of(Observe(monitor, Pump(2, 0.1, running: 1)), "pressure_collapse")).Active);
    }

    [Fact]
    public void Pressure_falling_faster_than_half_a_bar_a_second_warns_but_a_slow_drift_does_not()
    {
        var fast = MonitorFor("rs-b1-pump-1");
        Observe(fast, Pump(0, 4.5));
        var warning = Assert.Single(Of(Observe(fast, Pump(1, 3.6)), "pressure_falling_fast"));
        Assert.True(warning.Active);
        Assert.Equal(Alarms.AlarmPriority.High, warning.Rule.Priority);
        Assert.False(warning.Rule.RaisesWorkOrder);
        Assert.StartsWith("outlet_pressure_bar falling 0.9/s", warning.Message);

        var slow = MonitorFor("rs-b1-pump-1");
        var changes = new List<ConditionChange>();
        for (int s = 0; s <= 20; s++) changes.AddRange(Of(Observe(slow, Pump(s, 4.5 - 0.1 * s)), "pressure_falling_fast"));
        Assert.DoesNotContain(changes, c => c.Active);
    }

    [Fact]
    public void A_rate_is_timed_by_when_readings_were_measured_not_by_when_they_arrived()
    {
        // Readings measured a second apart, falling 0.2 bar/s (a slow drift), that reach the hub 10 ms apart after a
        // broker backlog: timed by arrival that would be 20 bar/s.
        var monitor = MonitorFor("rs-b1-pump-1");
        var arrival = T0.AddSeconds(5);
        var changes = new List<ConditionChange>();
        for (int s = 0; s <= 4; s++) changes.AddRange(Of(monitor.Observe(Pump(s, 4.5 - 0.2 * s), arrival.AddMilliseconds(10 * s)), "pressure_falling_fast"));

        Assert.DoesNotContain(changes, c => c.Active);
    }

    [Fact]
    public void A_reading_that_arrives_after_a_newer_one_is_history_and_moves_no_condition()
    {
        // Healthy pressure at 10:00:02; the reading of 10:00:01 (from before a glitch, 0.5 bar) arrives after it.
        var monitor = MonitorFor("rs-b1-pump-1");
        Observe(monitor, Pump(0, 4.5));
        Observe(monitor, Pump(2, 4.4));

        var late = monitor.Observe(Pump(1, 0.5), T0.AddSeconds(3));

        Assert.Empty(late);
        // The present still judges: a newer collapse raises the burst pipe at once.
        Assert.Contains(Of(Observe(monitor, Pump(4, 0.5)), "pressure_collapse"), c => c.Active);
    }

    [Fact]
    public void Dry_run_raises_a_high_alarm_after_30_seconds_of_no_flow_on_a_running_pump_found_by_the_clock()
    {
        var monitor = MonitorFor("rs-b1-pump-1");
        Observe(monitor, Pump(0, 4.5, flow: 30));

        Assert.Empty(Of(Observe(monitor, Pump(1, 2.5, flow: 0)), "dry_run"));
        Assert.Equal(T0.AddSeconds(31), monitor.NextDueAt);
        Assert.Empty(Of(monitor.Tick(T0.AddSeconds(30)), "dry_run"));
        var dry = Assert.Single(Of(monitor.Tick(T0.AddSeconds(31)), "dry_run"));

        Assert.True(dry.Active);
        Assert.Equal(T0.AddSeconds(31), dry.At);
        Assert.Equal(Alarms.AlarmPriority.High, dry.Rule.Priority);
        Assert.True(dry.Rule.RaisesWorkOrder);

        // Flow back: it must stay back for the 10 s off-delay; a relapse within it is the same alarm.
        Assert.Empty(Of(Observe(monitor, Pump(40, 4.5, flow: 30)), "dry_run"));
        Assert.Empty(Of(Observe(monitor, Pump(45, 2.5, flow: 0)), "dry_run"));
        Assert.Empty(Of(Observe(monitor, Pump(50, 4.5, flow: 30)), "dry_run"));
        Assert.Empty(Of(monitor.Tick(T0.AddSeconds(59)), "dry_run"));
        Assert.False(Assert.Single(Of(monitor.Tick(T0.AddSeconds(60)), "dry_run")).Active);
    }

    [Fact]
    public void No_flow_for_less_than_the_on_delay_is_not_a_dry_run()
    {
        var monitor = MonitorFor("rs-b1-pump-1");
        Observe(monitor, Pump(0, 4.5, flow: 30));
        Observe(monitor, Pump(1, 2.5, flow: 0));
        Observe(monitor, Pump(20, 4.5, flow: 30));

        Assert.Empty(Of(monitor.Tick(T0.AddSeconds(40)), "dry_run"));
    }

    [Fact]
    public void A_pump_that_falls_silent_is_offline_after_60_seconds_by_the_clock_and_back_with_its_next_message()
    {
        var monitor = MonitorFor("rs-b1-pump-1");
        Observe(monitor, Pump(0, 4.5));

        Assert.Equal(T0.AddSeconds(60), monitor.NextDueAt);
        Assert.Empty(Of(monitor.Tick(T0.AddSeconds(59)), "offline"));
        var offline = Assert.Single(Of(monitor.Tick(T0.AddSeconds(60)), "offline"));
        Assert.True(offline.Active);
        Assert.Equal("device_offline", offline.Rule.FaultCode);
        Assert.StartsWith("no message for 60 s", offline.Message);

        Assert.False(Assert.Single(Of(Observe(monitor, Pump(75, 4.5)), "offline")).Active);
    }

    [Fact]
    public void A_device_that_never_speaks_after_a_restart_is_offline_counted_from_the_start()
    {
        var monitor = MonitorFor("rs-b1-alarm-0301");

        Assert.True(Assert.Single(Of(monitor.Tick(T0.AddSeconds(90)), "offline")).Active);
    }

    [Fact]
    public void Final_rinse_below_82_degrees_for_20_seconds_raises_rinse_too_cold_and_clears_only_above_83_for_20_seconds()
    {
        var monitor = MonitorFor("rs-club-dishwasher-1");
        Observe(monitor, Dishwasher(0, 65, 84));

        Assert.Empty(Of(Observe(monitor, Dishwasher(2, 65, 80.5)), "rinse_too_cold"));
        var cold = Assert.Single(Of(monitor.Tick(T0.AddSeconds(22)), "rinse_temp_low"));
        Assert.True(cold.Active);
        Assert.Equal("rinse_too_cold", cold.Rule.FaultCode);
        Assert.True(cold.Rule.RaisesWorkOrder);

        Assert.Empty(Of(Observe(monitor, Dishwasher(30, 65, 82.5)), "rinse_temp_low")); // inside the deadband
        Assert.Empty(Of(monitor.Tick(T0.AddSeconds(60)), "rinse_temp_low"));
        Observe(monitor, Dishwasher(61, 65, 83.4));
        Assert.False(Assert.Single(Of(monitor.Tick(T0.AddSeconds(81)), "rinse_temp_low")).Active);
    }

    [Fact]
    public void A_report_made_after_its_delay_describes_the_latest_reading_not_the_first_one_beyond_the_limit()
    {
        var monitor = MonitorFor("rs-club-dishwasher-1");
        Observe(monitor, Dishwasher(0, 65, 84));
        Observe(monitor, Dishwasher(2, 65, 80.5));
        Observe(monitor, Dishwasher(10, 65, 79.8));
        Assert.Contains("rinse_temp_c 79.8", Assert.Single(Of(monitor.Tick(T0.AddSeconds(22)), "rinse_temp_low")).Message);

        Observe(monitor, Dishwasher(30, 65, 81)); // still cold: confirms the alarm, reports nothing
        Observe(monitor, Dishwasher(61, 65, 83.4));
        Observe(monitor, Dishwasher(70, 65, 83.9));
        var clear = Assert.Single(Of(monitor.Tick(T0.AddSeconds(81)), "rinse_temp_low"));
        Assert.False(clear.Active);
        Assert.Contains("rinse_temp_c 83.9", clear.Message);
    }

    [Fact]
    public void Cold_water_with_the_conveyor_stopped_raises_nothing()
    {
        var monitor = MonitorFor("rs-club-dishwasher-1");

        var changes = Observe(monitor, Dishwasher(0, 40, 50, conveyor: 0)).Concat(monitor.Tick(T0.AddMinutes(5)));

        Assert.DoesNotContain(changes, c => c.Active);
    }

    [Fact]
    public void Abnormal_noise_on_a_running_dishwasher_means_stop_and_report_but_not_when_it_is_stopped()
    {
        var running = MonitorFor("rs-club-dishwasher-1");
        Observe(running, Dishwasher(0, 65, 84));
        var noise = Assert.Single(Observe(running, new DeviceEvent("rs-club-dishwasher-1", T0.AddSeconds(5), "abnormal_noise", null)));
        Assert.True(noise.Active);
        Assert.Contains("stop the machine", noise.Rule.Description);
        Assert.True(noise.Rule.RaisesWorkOrder);
        Assert.False(Assert.Single(Of(running.Tick(T0.AddSeconds(605)), "abnormal_noise")).Active);

        var stopped = MonitorFor("rs-club-dishwasher-1");
        Observe(stopped, Dishwasher(0, 65, 84, conveyor: 0));
        Assert.Empty(Observe(stopped, new DeviceEvent("rs-club-dishwasher-1", T0.AddSeconds(5), "abnormal_noise", null)));
    }

    [Fact]
    public void An_intrusion_on_a_disarmed_panel_is_not_an_emergency_but_smoke_still_is()
    {
        var monitor = MonitorFor("rs-b1-alarm-0301");

        Assert.Empty(Of(Observe(monitor, Panel(0, "disarmed")), "zone_tripped"));
        Assert.Empty(Of(Observe(monitor, Panel(1, "zone_tripped", "intrusion")), "zone_tripped"));
        var smoke = Assert.Single(Of(Observe(monitor, Panel(2, "zone_tripped", "smoke")), "zone_tripped"));
        Assert.True(smoke.Active);
        Assert.Equal(Alarms.AlarmPriority.Emergency, smoke.Rule.Priority);
    }

    [Fact]
    public void An_intrusion_on_an_armed_panel_or_one_whose_state_is_unknown_is_an_emergency()
    {
        var unknown = MonitorFor("rs-b1-alarm-0301");
        Assert.True(Assert.Single(Of(Observe(unknown, Panel(0, "zone_tripped", "intrusion")), "zone_tripped")).Active);

        var armed = MonitorFor("rs-b1-alarm-0301");
        Observe(armed, Panel(0, "disarmed"));
        Observe(armed, Panel(10, "armed"));
        var trip = Assert.Single(Observe(armed, Panel(20, "zone_tripped", "intrusion")));
        Assert.True(trip.Active);
        Assert.Equal("zone_tripped (intrusion)", trip.Message);
        Assert.True(trip.Rule.RaisesWorkOrder);
    }

    [Fact]
    public void A_smoke_zone_trip_is_an_emergency_and_a_restore_clears_it_but_a_heartbeat_changes_nothing()
    {
        var monitor = MonitorFor("rs-b1-alarm-0301");

        Assert.DoesNotContain(Observe(monitor, Panel(0, "heartbeat")), c => c.Rule.Id == "zone_tripped");
        var trip = Assert.Single(Observe(monitor, Panel(1, "zone_tripped", "smoke")));
        Assert.Empty(Observe(monitor, Panel(2, "zone_tripped", "smoke")));
        var restore = Assert.Single(Observe(monitor, Panel(3, "zone_restored", "smoke")));

        Assert.True(trip.Active);
        Assert.Equal("zone_tripped (smoke)", trip.Message);
        Assert.False(restore.Active);
    }

    [Fact]
    public void Tamper_raises_a_high_alarm_that_clears_after_five_quiet_minutes()
    {
        var monitor = MonitorFor("rs-b1-alarm-0301");

        var tamper = Assert.Single(Of(Observe(monitor, Panel(0, "tamper")), "tamper"));
        Assert.Equal(T0.AddSeconds(90), monitor.NextDueAt); // the offline check comes first
        var over = Assert.Single(Of(monitor.Tick(T0.AddSeconds(300)), "tamper"));

        Assert.True(tamper.Active);
        Assert.Equal(Alarms.AlarmPriority.High, tamper.Rule.Priority);
        Assert.False(over.Active);
    }

    [Fact]
    public void A_zone_outside_the_rule_s_list_does_not_trip_it()
    {
        var monitor = MonitorFor("rs-b1-alarm-0301");

        Assert.Empty(Of(Observe(monitor, Panel(0, "zone_tripped", "doorbell")), "zone_tripped"));
    }

    [Fact]
    public void A_low_battery_is_a_low_priority_alarm_without_a_work_order()
    {
        var monitor = MonitorFor("rs-b1-alarm-0301");
        var reading = new TelemetryReading("rs-b1-alarm-0301", T0, [new("battery_pct", 15)]);

        var low = Assert.Single(Observe(monitor, reading), c => c.Rule.Id == "battery_low");

        Assert.True(low.Active);
        Assert.Equal(Alarms.AlarmPriority.Low, low.Rule.Priority);
        Assert.False(low.Rule.RaisesWorkOrder);
    }
}
