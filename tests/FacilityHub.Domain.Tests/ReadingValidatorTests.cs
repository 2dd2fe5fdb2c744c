using FacilityHub.Domain.Telemetry;

namespace FacilityHub.Domain.Tests;

public sealed class ReadingValidatorTests
{
    [Fact]
    public void Impossible_and_unknown_values_are_dropped_one_by_one_and_the_rest_kept()
    {
        Assert.True(SampleEstate.Load().TryGetEquipment("rs-b1-pump-1", out var pump));
        var rejected = new List<(string, RejectReason)>();

        var kept = ReadingValidator.KeepPlausible(pump.Kind,
            [new("outlet_pressure_bar", 4.2), new("motor_temp_c", 900), new("colour", 3), new("flow_m3h", double.NaN), new("running", 1)],
            rejected);

        Assert.Equal(["outlet_pressure_bar", "running"], kept.Select(v => v.Metric));
        Assert.Equal([("motor_temp_c", RejectReason.OutOfRange), ("colour", RejectReason.UnknownMetric), ("flow_m3h", RejectReason.NotANumber)], rejected);
    }

    [Fact]
    public void Plausible_values_pass_untouched()
    {
        Assert.True(SampleEstate.Load().TryGetEquipment("rs-b1-pump-1", out var pump));
        var rejected = new List<(string, RejectReason)>();
        IReadOnlyList<MetricValue> values = [new("outlet_pressure_bar", 0), new("outlet_pressure_bar", 25)];

        Assert.Same(values, ReadingValidator.KeepPlausible(pump.Kind, values, rejected));
        Assert.Empty(rejected);
    }
}
