using System.Text;
using System.Text.Json;
using FacilityHub.FleetSimulator.Generation;
using FacilityHub.FleetSimulator.Topology;

namespace FacilityHub.Simulators.Tests;

/// <summary>The fault families added for the drills: hydraulic and sensor faults, skipped water changes, arming, and
/// message faults that spoil what goes on the wire while the readings stay healthy.</summary>
public sealed class MessageAndSensorFaultTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 25, 10, 0, 0, TimeSpan.Zero);

    private static DeviceSimulator Device(string equipment, int seed = 5) =>
        new FleetGenerator(FleetTopology.LoadAsync(RepoFiles.Topology, CancellationToken.None).GetAwaiter().GetResult(), seed).Device(equipment);

    private static List<TelemetryMessage> Readings(DeviceSimulator device, int count, int from = 0) =>
        [.. Enumerable.Range(from, count).SelectMany(i => device.Next(Start.AddSeconds(i))).OfType<TelemetryMessage>()];

    [Fact]
    public void Cavitation_sags_pressure_and_flow_and_raises_vibration_in_every_reading_once_established()
    {
        var pump = Device("rs-b1-pump-1");
        Readings(pump, 5);
        pump.StartFault(FaultCatalog.Find("cavitation")!, Start);
        Readings(pump, 6, 5);

        var established = Readings(pump, 30, 11);

        Assert.All(established, r => Assert.True(r.Value("outlet_pressure_bar") < 3.8 && r.Value("flow_m3h") > 5 && r.Value("vibration_mm_s") > 3.5,
            $"pressure {r.Value("outlet_pressure_bar")}, flow {r.Value("flow_m3h")}, vibration {r.Value("vibration_mm_s")}"));
        Assert.True(established.Select(r => r.Value("outlet_pressure_bar")).Distinct().Count() > 10, "cavitation pressure fluctuates");
    }

    [Fact]
    public void A_stuck_sensor_repeats_its_last_pressure_while_the_other_metrics_move_on_and_recovers_at_the_clear()
    {
        var pump = Device("rs-b1-pump-1");
        var last = Readings(pump, 5)[^1].Value("outlet_pressure_bar");
        var fault = FaultCatalog.Find("stuck_sensor")!;
        pump.StartFault(fault, Start);

        var stuck = Readings(pump, 20, 5);
        pump.ClearFault(fault, Start);
        var after = Readings(pump, 10, 25);

        Assert.All(stuck, r => Assert.Equal(last, r.Value("outlet_pressure_bar")));
        Assert.True(stuck.Select(r => r.Value("flow_m3h")).Distinct().Count() > 5);
        Assert.True(after.Select(r => r.Value("outlet_pressure_bar")).Distinct().Count() > 3);
    }

    [Fact]
    public void A_noisy_vibration_sensor_jumps_across_zone_c_but_averages_the_healthy_level()
    {
        var pump = Device("rs-b1-pump-1");
        pump.StartFault(FaultCatalog.Find("noisy_sensor")!, Start);

        var vibration = Readings(pump, 200).Select(r => r.Value("vibration_mm_s")!.Value).ToList();

        Assert.Contains(vibration, v => v > 2.8);
        Assert.InRange(vibration.Average(), 1.8, 2.2);
        Assert.True(vibration.Count(v => v > 2.8) < 40, "mostly below the limit: noise, not a fault");
    }

    [Fact]
    public void A_dishwasher_without_meal_periods_changes_its_water_every_fourth_interval_and_not_at_all_while_changes_are_missed()
    {
        // Its item's compliance rule switched off: no periods to follow (ServiceDayTests cover the meal periods).
        var dishwasher = new DeviceSimulator(Device("rs-club-dishwasher-1").Device with { Schedule = null }, seed: 5);
        static int Changes(IEnumerable<FleetMessage> messages) => messages.OfType<EventMessage>().Count(e => e.Event == DeviceSimulator.WaterChangedEvent);

        var healthy = Changes(Enumerable.Range(0, 12).SelectMany(i => dishwasher.Next(Start.AddSeconds(i))));
        dishwasher.StartFault(FaultCatalog.Find("missed_water_changes")!, Start);
        var missed = Changes(Enumerable.Range(12, 12).SelectMany(i => dishwasher.Next(Start.AddSeconds(i))));

        Assert.Equal(3, healthy);
        Assert.Equal(0, missed);
    }

    [Theory]
    [InlineData("arm", "armed")]
    [InlineData("disarm", "disarmed")]
    public void Arming_and_disarming_send_the_panels_event_once(string fault, string expected)
    {
        var panel = Device("rs-b1-alarm-0301");

        Assert.Equal(expected, Assert.IsType<EventMessage>(Assert.Single(panel.StartFault(FaultCatalog.Find(fault)!, Start))).Event);
    }

    [Fact]
    public void Malformed_payloads_follow_each_good_reading_in_three_forms_none_of_them_valid_json_objects()
    {
        var pump = Device("rs-b1-pump-1");
        pump.StartFault(FaultCatalog.Find("malformed_payloads")!, Start);

        var messages = Enumerable.Range(0, 3).SelectMany(i => pump.Next(Start.AddSeconds(i))).ToList();

        Assert.Equal(3, messages.OfType<TelemetryMessage>().Count());
        var bad = messages.OfType<RawMessage>().ToList();
        Assert.Equal(3, bad.Select(b => Encoding.UTF8.GetString(b.Payload)).Distinct().Count());
        Assert.All(bad, b =>
        {
            Assert.Equal("malformed_json", b.ExpectedRejection);
            Assert.Equal(pump.Device.TelemetryTopic, b.Topic);
            Assert.ThrowsAny<Exception>(() => JsonDocument.Parse(b.Payload).RootElement.GetProperty("values").EnumerateObject().ToList());
        });
    }

    [Fact]
    public void Oversized_payloads_are_over_the_hubs_16_KiB_limit()
    {
        var pump = Device("rs-b1-pump-1");
        pump.StartFault(FaultCatalog.Find("oversized_payloads")!, Start);

        var bad = Assert.Single(pump.Next(Start).OfType<RawMessage>());

        Assert.True(bad.Payload.Length > 16 * 1024);
        Assert.Equal("oversized", bad.ExpectedRejection);
    }

    [Fact]
    public void Duplicate_messages_repeat_each_message_byte_for_byte()
    {
        var panel = Device("rs-b1-alarm-0301");
        panel.StartFault(FaultCatalog.Find("duplicate_messages")!, Start);

        var messages = panel.Next(Start);

        Assert.Equal(4, messages.Count); // heartbeat and battery reading, each twice
        Assert.Equal(PayloadWriter.ToJson(messages[0]), PayloadWriter.ToJson(messages[1]));
        Assert.Equal("duplicate", Assert.IsType<RawMessage>(messages[1]).ExpectedRejection);
        Assert.Equal(PayloadWriter.ToJson(messages[2]), PayloadWriter.ToJson(messages[3]));
    }

    [Fact]
    public void Out_of_order_sends_readings_in_swapped_pairs_and_releases_the_held_one_at_the_clear()
    {
        var pump = Device("rs-b1-pump-1");
        var fault = FaultCatalog.Find("out_of_order")!;
        pump.StartFault(fault, Start);

        var first = pump.Next(Start);
        var second = pump.Next(Start.AddSeconds(1));
        var third = pump.Next(Start.AddSeconds(2));
        var released = pump.ClearFault(fault, Start.AddSeconds(3));

        Assert.Empty(first);
        Assert.Equal([Start.AddSeconds(1), Start], second.Select(m => m.Timestamp));
        Assert.Empty(third);
        Assert.Equal(Start.AddSeconds(2), Assert.Single(released).Timestamp);
        Assert.All(second, m => Assert.IsType<TelemetryMessage>(m));
    }

    [Fact]
    public void Message_faults_fit_any_kind_and_sensor_faults_only_kinds_with_the_metric()
    {
        var panel = Device("rs-b1-alarm-0301").Device.Kind;

        Assert.True(FaultCatalog.Find("duplicate_messages")!.AppliesTo(panel, out _));
        Assert.False(FaultCatalog.Find("stuck_sensor")!.AppliesTo(panel, out var reason));
        Assert.Contains("outlet_pressure_bar", reason, StringComparison.Ordinal);
        Assert.False(FaultCatalog.Find("missed_water_changes")!.AppliesTo(panel, out _));
    }

    [Theory]
    [InlineData("rs-b1-pump-1", "cavitation")]
    [InlineData("rs-b1-pump-1", "stuck_sensor")]
    [InlineData("rs-b1-pump-1", "noisy_sensor")]
    [InlineData("rs-club-dishwasher-1", "missed_water_changes")]
    [InlineData("rs-b1-pump-1", "malformed_payloads")]
    [InlineData("rs-b1-pump-1", "oversized_payloads")]
    [InlineData("rs-b1-alarm-0301", "duplicate_messages")]
    [InlineData("rs-b1-pump-1", "out_of_order")]
    public void The_same_seed_gives_the_same_bytes_on_the_wire_under_every_new_fault(string equipment, string fault)
    {
        static List<byte[]> Run(DeviceSimulator device, FaultSpec fault)
        {
            var sent = Enumerable.Range(0, 5).SelectMany(i => device.Next(Start.AddSeconds(i))).ToList();
            sent.AddRange(device.StartFault(fault, Start.AddSeconds(5)));
            sent.AddRange(Enumerable.Range(5, 15).SelectMany(i => device.Next(Start.AddSeconds(i))));
            sent.AddRange(device.ClearFault(fault, Start.AddSeconds(20)));
            return [.. sent.Select(PayloadWriter.ToJson)];
        }

        var spec = FaultCatalog.Find(fault)!;
        var first = Run(Device(equipment, seed: 77), spec);
        var second = Run(Device(equipment, seed: 77), spec);
        var otherSeed = Run(Device(equipment, seed: 78), spec);

        Assert.Equal(first, second);
        Assert.NotEqual(first.Select(Convert.ToHexString), otherSeed.Select(Convert.ToHexString));
    }
}
