using System.Text;
using FacilityHub.FleetSimulator.Generation;
using FacilityHub.FleetSimulator.Topology;

namespace FacilityHub.Simulators.Tests;

public sealed class FleetGeneratorTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 25, 10, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(2);

    private static FleetTopology Topology() => FleetTopology.LoadAsync(RepoFiles.Topology, CancellationToken.None).GetAwaiter().GetResult();

    private static List<string> Run(FleetGenerator generator, int readings) =>
        Enumerable.Range(0, readings)
            .SelectMany(i => generator.Next(Start + (i * Interval)))
            .Select(m => m.Topic + " " + Encoding.UTF8.GetString(PayloadWriter.ToJson(m)))
            .ToList();

    private static List<TelemetryMessage> Telemetry(DeviceSimulator device, int readings, ref int tick)
    {
        var result = new List<TelemetryMessage>();
        for (var i = 0; i < readings; i++, tick++)
        {
            result.AddRange(device.Next(Start + (tick * Interval)).OfType<TelemetryMessage>());
        }

        return result;
    }

    [Fact]
    public void Reads_every_device_of_the_sample_topology()
    {
        var topology = Topology();

        Assert.Equal(11, topology.Devices.Count);
        Assert.Equal(["dishwasher", "home_alarm", "water_pump"], topology.Kinds.Keys.Order(StringComparer.Ordinal));
        var pump = topology.Device("rs-b1-pump-1")!;
        Assert.Equal("facility/riverside/rs-b1/rs-b1-pump-1/telemetry", pump.TelemetryTopic);
        Assert.Equal("facility/riverside/rs-b1/rs-b1-pump-1/event", pump.EventTopic);
        Assert.Equal(new MetricSpec("outlet_pressure_bar", 0, 25, "bar"), pump.Kind.Metric("outlet_pressure_bar"));
    }

    [Fact]
    public void The_same_seed_gives_the_same_readings()
    {
        var topology = Topology();

        var first = Run(new FleetGenerator(topology, seed: 42), readings: 50);
        var second = Run(new FleetGenerator(topology, seed: 42), readings: 50);
        var other = Run(new FleetGenerator(topology, seed: 43), readings: 50);

        Assert.Equal(first, second);
        Assert.NotEqual(first, other);
    }

    [Fact]
    public void Every_value_stays_within_its_kind_range_healthy_and_under_faults()
    {
        var topology = Topology();
        var generator = new FleetGenerator(topology, seed: 7);
        var checkedValues = 0;
        void Check(int readings, int offset)
        {
            for (var i = 0; i < readings; i++)
            {
                foreach (var telemetry in generator.Next(Start + ((offset + i) * Interval)).OfType<TelemetryMessage>())
                {
                    Assert.Equal(telemetry.Device.Kind.Metrics.Select(m => m.Name), telemetry.Values.Select(v => v.Key));
                    foreach (var (metric, value) in telemetry.Values)
                    {
                        var spec = telemetry.Device.Kind.Metric(metric)!;
                        Assert.True(spec.Contains(value), $"{telemetry.Device.EquipmentId} {metric}={value} outside [{spec.Min}, {spec.Max}]");
                        checkedValues++;
                    }
                }
            }
        }

        Check(200, 0);
        generator.Device("rs-b1-pump-1").StartFault(FaultCatalog.Find("burst_pipe")!, Start);
        generator.Device("rs-b1-pump-2").StartFault(FaultCatalog.Find("dry_run")!, Start);
        generator.Device("rs-club-dishwasher-1").StartFault(FaultCatalog.Find("wash_heater_failure")!, Start);
        Check(200, 200);

        Assert.True(checkedValues > 2000);
    }

    [Fact]
    public void Healthy_signals_are_near_their_nominal_values()
    {
        var generator = new FleetGenerator(Topology(), seed: 1);
        var tick = 0;
        var pump = Telemetry(generator.Device("rs-b1-pump-1"), 100, ref tick);
        tick = 0;
        var washer = Telemetry(generator.Device("rs-club-dishwasher-1"), 100, ref tick);

        Assert.All(pump, r => Assert.InRange(r.Value("outlet_pressure_bar")!.Value, 4.2, 4.8));
        Assert.All(pump, r => Assert.InRange(r.Value("flow_m3h")!.Value, 27, 33));
        Assert.All(pump, r => Assert.Equal(1, r.Value("running")));
        Assert.All(washer, r => Assert.InRange(r.Value("wash_temp_c")!.Value, 63, 67));
        Assert.All(washer, r => Assert.InRange(r.Value("rinse_temp_c")!.Value, 82, 86));
        Assert.All(washer, r => Assert.Equal(1, r.Value("conveyor_running")));
        Assert.True(pump.Select(r => r.Value("outlet_pressure_bar")).Distinct().Count() > 5, "pressure should be noisy");
    }

    [Fact]
    public void Burst_pipe_brings_outlet_pressure_below_1_bar_within_a_couple_of_readings_and_clears()
    {
        var generator = new FleetGenerator(Topology(), seed: 3);
        var pump = generator.Device("rs-b1-pump-1");
        var fault = FaultCatalog.Find("burst_pipe")!;
        var tick = 0;
        Telemetry(pump, 5, ref tick);

        Assert.Empty(pump.StartFault(fault, Start));
        var during = Telemetry(pump, 3, ref tick);

        Assert.True(during[1].Value("outlet_pressure_bar") < 1.0, $"pressure after two readings: {during[1].Value("outlet_pressure_bar")}");
        Assert.True(during[2].Value("outlet_pressure_bar") < 1.0);
        Assert.True(during[2].Value("flow_m3h") > 40);
        Assert.Equal(1, during[2].Value("running"));
        // Only the faulted pump is affected.
        var otherTick = 0;
        Assert.All(Telemetry(generator.Device("rs-b1-pump-2"), 5, ref otherTick), r => Assert.True(r.Value("outlet_pressure_bar") > 4));

        pump.ClearFault(fault, Start);
        var after = Telemetry(pump, 6, ref tick);
        Assert.True(after[^1].Value("outlet_pressure_bar") > 4.0);
    }

    [Fact]
    public void Dry_run_stops_the_flow_while_running_and_heater_failure_cools_the_wash_tank()
    {
        var generator = new FleetGenerator(Topology(), seed: 5);
        var pump = generator.Device("rs-b2-pump-1");
        var washer = generator.Device("rs-club-dishwasher-1");
        pump.StartFault(FaultCatalog.Find("dry_run")!, Start);
        washer.StartFault(FaultCatalog.Find("wash_heater_failure")!, Start);

        var pumpTick = 0;
        var washerTick = 0;
        var pumpLast = Telemetry(pump, 8, ref pumpTick)[^1];
        var washerLast = Telemetry(washer, 12, ref washerTick)[^1];

        Assert.True(pumpLast.Value("flow_m3h") < 0.5);
        Assert.Equal(1, pumpLast.Value("running"));
        Assert.True(pumpLast.Value("outlet_pressure_bar") > 2.0, "dry run must not look like a burst pipe");
        Assert.InRange(washerLast.Value("wash_temp_c")!.Value, 43, 48);
        Assert.True(washerLast.Value("rinse_temp_c") > 82);
    }

    [Fact]
    public void Home_alarm_sends_a_heartbeat_each_interval_battery_every_tenth_and_zone_events_for_faults()
    {
        var generator = new FleetGenerator(Topology(), seed: 9);
        var alarm = generator.Device("rs-b1-alarm-0301");

        var messages = Enumerable.Range(0, 20).Select(i => alarm.Next(Start + (i * Interval))).ToList();

        Assert.All(messages, m => Assert.Contains(m, x => x is EventMessage { Event: "heartbeat", Zone: null }));
        var withBattery = messages.Select((m, i) => (m, i)).Where(x => x.m.OfType<TelemetryMessage>().Any()).Select(x => x.i).ToList();
        Assert.Equal([0, 10], withBattery);
        Assert.InRange(messages[0].OfType<TelemetryMessage>().Single().Value("battery_pct")!.Value, 88, 92);

        var smoke = FaultCatalog.Find("smoke")!;
        var tripped = Assert.Single(alarm.StartFault(smoke, Start));
        Assert.Equal(new EventMessage(alarm.Device, Start, "zone_tripped", "smoke"), tripped);
        Assert.Empty(alarm.StartFault(smoke, Start));
        var restored = Assert.Single(alarm.ClearFault(smoke, Start));
        Assert.Equal(new EventMessage(alarm.Device, Start, "zone_restored", "smoke"), restored);
        Assert.Empty(alarm.ClearFault(smoke, Start));
    }

    [Fact]
    public void A_kind_added_later_gets_noisy_values_around_the_middle_of_each_range()
    {
        const string json = """
            {
              // a kind the simulator has no code for
              "kinds": {
                "lift": {
                  "metrics": {
                    "car_speed_m_s": { "unit": "m/s", "min": 0, "max": 4 },
                    "door_cycles": { "unit": "count", "min": 0, "max": 1000000 },
                    "cabin_temp_c": { "unit": "degC", "min": -40 },
                    "running": { "unit": "bool", "min": 0, "max": 1 },
                  },
                  "events": [ "door_stuck" ],
                },
              },
              "sites": [ { "id": "s", "buildings": [ { "id": "b", "equipment": [ { "id": "lift-1", "kind": "lift" } ] } ] } ],
            }
            """;
        var topology = FleetTopology.Parse(json);
        var lift = new FleetGenerator(topology, seed: 11).Device("lift-1");

        var tick = 0;
        var readings = Telemetry(lift, 100, ref tick);

        Assert.All(readings, r => Assert.InRange(r.Value("car_speed_m_s")!.Value, 1.85, 2.15));
        Assert.All(readings, r => Assert.InRange(r.Value("door_cycles")!.Value, 470_000, 530_000));
        Assert.All(readings, r => Assert.InRange(r.Value("cabin_temp_c")!.Value, 5, 15));
        Assert.All(readings, r => Assert.Equal(1, r.Value("running")));
        Assert.All(readings.SelectMany(r => r.Values), v => Assert.True(double.IsFinite(v.Value)));
        Assert.True(readings.Select(r => r.Value("car_speed_m_s")).Distinct().Count() > 5);
    }

    [Fact]
    public void Payloads_follow_the_mqtt_contract()
    {
        var device = Topology().Device("rs-b1-pump-1")!;
        var at = new DateTimeOffset(2026, 11, 25, 18, 0, 0, 5, TimeSpan.FromHours(8));

        var telemetry = Encoding.UTF8.GetString(PayloadWriter.ToJson(new TelemetryMessage(device, at, [new("outlet_pressure_bar", 4.5), new("running", 1)])));
        var evt = Encoding.UTF8.GetString(PayloadWriter.ToJson(new EventMessage(device, at, "zone_tripped", "smoke")));
        var heartbeat = Encoding.UTF8.GetString(PayloadWriter.ToJson(new EventMessage(device, at, "heartbeat")));

        Assert.Equal("""{"ts":"2026-11-25T10:00:00.005Z","device":"rs-b1-pump-1","values":{"outlet_pressure_bar":4.5,"running":1}}""", telemetry);
        Assert.Equal("""{"ts":"2026-11-25T10:00:00.005Z","device":"rs-b1-pump-1","event":"zone_tripped","zone":"smoke"}""", evt);
        Assert.Equal("""{"ts":"2026-11-25T10:00:00.005Z","device":"rs-b1-pump-1","event":"heartbeat"}""", heartbeat);
    }
}
