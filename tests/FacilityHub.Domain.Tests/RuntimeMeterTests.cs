using FacilityHub.Domain.Maintenance;

namespace FacilityHub.Domain.Tests;

public sealed class RuntimeMeterTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 25, 6, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Hours_count_from_running_to_stopped_and_each_start_counts_once()
    {
        var meter = RuntimeMeter.Zero
            .Observe(T0, running: true)
            .Observe(T0.AddHours(1), running: true)
            .Observe(T0.AddHours(3), running: false)
            .Observe(T0.AddHours(4), running: false)
            .Observe(T0.AddHours(5), running: true);

        Assert.Equal(2, meter.Starts);
        Assert.Equal(3.5, meter.RunningHoursAt(T0.AddHours(5.5)), 6);
    }

    [Fact]
    public void A_reading_older_than_the_last_one_changes_nothing()
    {
        var meter = RuntimeMeter.Zero.Observe(T0, true).Observe(T0.AddHours(2), false);

        Assert.Same(meter, meter.Observe(T0.AddHours(1), true));
        Assert.Equal(2, meter.RunningHoursAt(T0.AddHours(10)), 6);
    }
}
