using FacilityHub.Domain.Alarms;
using FacilityHub.Domain.Telemetry;

namespace FacilityHub.Domain.Tests;

public sealed class EquipmentMonitorTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 25, 8, 0, 0, TimeSpan.Zero);
    private readonly Topology.Estate _estate = SampleEstate.Load();

    private EquipmentMonitor MonitorFor(string equipmentId)
    {
        Assert.True(_estate.TryGetEquipment(equipmentId, out var item));
        return new EquipmentMonitor(item.Kind);
    }

    private static TelemetryReading Pump(int second, double pressure, double running = 1) =>
        new("rs-b1-pump-1", T0.AddSeconds(second), [new("outlet_pressure_bar", pressure), new("running", running)]);

    [Fact]
    public void A_pressure_collapse_while_running_starts_the_burst_pipe_alarm_once_and_clears_with_hysteresis()
    {
        var monitor = MonitorFor("rs-b1-pump-1");

        var first = monitor.Observe(Pump(0, 4.5));
        var burst = monitor.Observe(Pump(2, 0.3));
        var stillLow = monitor.Observe(Pump(4, 0.2));
        var recovering = monitor.Observe(Pump(6, 1.5));
        var recovered = monitor.Observe(Pump(8, 4.4));

        Assert.False(Assert.Single(first).Active); // first reading tells a restarted hub the state either way
        var start = Assert.Single(burst);
        Assert.True(start.Active);
        Assert.Equal("burst_pipe", start.Rule.FaultCode);
        Assert.Equal(T0.AddSeconds(2), start.At);
        Assert.Equal("outlet_pressure_bar 0.3 bar (below 1)", start.Message);
        Assert.Empty(stillLow);
        Assert.Empty(recovering); // 1.5 bar is above the 1.0 limit but below the 2.0 clear level
        var clear = Assert.Single(recovered);
        Assert.False(clear.Active);
        Assert.Equal("outlet_pressure_bar 4.4 bar (back above 2)", clear.Message);
    }

    [Fact]
    public void Low_pressure_on_a_stopped_pump_is_not_a_burst_pipe()
    {
        var monitor = MonitorFor("rs-b1-pump-1");

        Assert.Empty(monitor.Observe(Pump(0, 0.1, running: 0)));
        Assert.True(Assert.Single(monitor.Observe(Pump(2, 0.1, running: 1))).Active);
    }

    [Fact]
    public void Wash_water_below_60_degrees_alarms_only_while_the_conveyor_runs()
    {
        var monitor = MonitorFor("rs-club-dishwasher-1");
        TelemetryReading Wash(double temp, double conveyor) => new("rs-club-dishwasher-1", T0, [new("wash_temp_c", temp), new("conveyor_running", conveyor)]);

        Assert.Empty(monitor.Observe(Wash(45, 0)));
        var change = Assert.Single(monitor.Observe(Wash(55, 1)));
        Assert.True(change.Active);
        Assert.Equal(AlarmPriority.High, change.Rule.Priority);
        Assert.False(change.Rule.RaisesWorkOrder);
    }

    [Fact]
    public void A_smoke_zone_trip_is_an_emergency_and_a_restore_clears_it_but_a_heartbeat_changes_nothing()
    {
        var monitor = MonitorFor("rs-b1-alarm-0301");

        Assert.Empty(monitor.Observe(new DeviceEvent("rs-b1-alarm-0301", T0, "heartbeat", null)));
        var trip = Assert.Single(monitor.Observe(new DeviceEvent("rs-b1-alarm-0301", T0.AddSeconds(1), "zone_tripped", "smoke")));
        Assert.Empty(monitor.Observe(new DeviceEvent("rs-b1-alarm-0301", T0.AddSeconds(2), "zone_tripped", "smoke")));
        var restore = Assert.Single(monitor.Observe(new DeviceEvent("rs-b1-alarm-0301", T0.AddSeconds(3), "zone_restored", "smoke")));

        Assert.True(trip.Active);
        Assert.Equal(AlarmPriority.Emergency, trip.Rule.Priority);
        Assert.True(trip.Rule.RaisesWorkOrder);
        Assert.Equal("zone_tripped (smoke)", trip.Message);
        Assert.False(restore.Active);
    }

    [Fact]
    public void A_zone_outside_the_rule_s_list_does_not_trip_it()
    {
        var monitor = MonitorFor("rs-b1-alarm-0301");

        Assert.Empty(monitor.Observe(new DeviceEvent("rs-b1-alarm-0301", T0, "zone_tripped", "doorbell")));
    }
}
