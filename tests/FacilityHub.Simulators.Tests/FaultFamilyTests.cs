using FacilityHub.FleetSimulator.Generation;
using FacilityHub.FleetSimulator.Topology;

namespace FacilityHub.Simulators.Tests;

public sealed class FaultFamilyTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 25, 10, 0, 0, TimeSpan.Zero);

    private static FleetTopology Topology() => FleetTopology.LoadAsync(RepoFiles.Topology, CancellationToken.None).GetAwaiter().GetResult();

    private static double LastValue(DeviceSimulator device, string metric, int readings)
    {
        double? last = null;
        for (var i = 0; i < readings; i++)
        {
            foreach (var t in device.Next(Start.AddSeconds(i)).OfType<TelemetryMessage>())
            {
                last = t.Value(metric) ?? last;
            }
        }

        return last ?? double.NaN;
    }

    [Theory]
    [InlineData("rs-b2-pump-1", "motor_overheat", "motor_temp_c", 90, true)]
    [InlineData("rs-b1-pump-1", "bearing_wear", "vibration_mm_s", 7.1, true)]
    [InlineData("rs-club-dishwasher-1", "rinse_too_cold", "rinse_temp_c", 82, false)]
    [InlineData("rs-b1-alarm-0401", "low_battery", "battery_pct", 20, false)]
    public void Metric_faults_cross_their_rule_limit_within_a_dozen_readings(string equipment, string fault, string metric, double limit, bool above)
    {
        var device = new FleetGenerator(Topology(), seed: 11).Device(equipment);
        Assert.True(above ? LastValue(device, metric, 5) < limit : LastValue(device, metric, 5) > limit);

        device.StartFault(FaultCatalog.Find(fault)!, Start);
        var value = LastValue(device, metric, 12);

        Assert.True(above ? value > limit : value < limit, $"{metric} = {value} after 12 readings of {fault}");
    }

    [Theory]
    [InlineData("rs-b1-alarm-0302", "tamper")]
    [InlineData("rs-club-dishwasher-1", "abnormal_noise")]
    public void Event_faults_send_their_event_once_at_the_start(string equipment, string fault)
    {
        var device = new FleetGenerator(Topology(), seed: 1).Device(equipment);

        var events = device.StartFault(FaultCatalog.Find(fault)!, Start);

        Assert.Equal(fault, Assert.IsType<EventMessage>(Assert.Single(events)).Event);
        Assert.Empty(device.ClearFault(FaultCatalog.Find(fault)!, Start));
    }

    [Fact]
    public void A_silent_device_sends_nothing_until_the_fault_clears_and_keeps_its_random_sequence()
    {
        var silent = new FleetGenerator(Topology(), seed: 9).Device("rs-b1-pump-1");
        var reference = new FleetGenerator(Topology(), seed: 9).Device("rs-b1-pump-1");
        var fault = FaultCatalog.Find("device_silent")!;

        silent.StartFault(fault, Start);
        for (var i = 0; i < 3; i++)
        {
            Assert.Empty(silent.Next(Start.AddSeconds(i)));
            reference.Next(Start.AddSeconds(i));
        }

        silent.ClearFault(fault, Start);
        var after = Assert.IsType<TelemetryMessage>(Assert.Single(silent.Next(Start.AddSeconds(3))));
        Assert.Equal(Assert.IsType<TelemetryMessage>(Assert.Single(reference.Next(Start.AddSeconds(3)))).Values, after.Values);
    }

    [Fact]
    public void Event_faults_do_not_fit_kinds_without_the_event()
    {
        var ex = Assert.Throws<ArgumentException>(() => FaultPlan.Create(Topology(), [FaultInjection.Parse("tamper@rs-b1-pump-1+1")], null));

        Assert.Contains("no 'tamper' event", ex.Message, StringComparison.Ordinal);
    }
}
