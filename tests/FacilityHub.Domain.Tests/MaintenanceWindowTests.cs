using FacilityHub.Domain.Alarms;
using FacilityHub.Domain.Maintenance;

namespace FacilityHub.Domain.Tests;

public sealed class MaintenanceWindowTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 25, 8, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_window_ends_after_its_duration_and_not_before()
    {
        var window = MaintenanceWindow.Open("rs-b1-pump-1", T0, TimeSpan.FromHours(2), "erin", "bearing greasing");

        Assert.Equal(T0.AddHours(2), window.EndsAt);
        Assert.False(window.IsOverAt(T0.AddHours(2).AddTicks(-1)));
        Assert.True(window.IsOverAt(T0.AddHours(2)));
    }

    [Fact]
    public void A_window_needs_a_positive_duration_of_at_most_seven_days_and_a_reason()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => MaintenanceWindow.Open("p", T0, TimeSpan.Zero, "erin", "x"));
        Assert.Throws<ArgumentOutOfRangeException>(() => MaintenanceWindow.Open("p", T0, TimeSpan.FromDays(7).Add(TimeSpan.FromSeconds(1)), "erin", "x"));
        Assert.Throws<ArgumentException>(() => MaintenanceWindow.Open("p", T0, TimeSpan.FromHours(1), "erin", " "));
        Assert.Equal(T0.AddDays(7), MaintenanceWindow.Open("p", T0, TimeSpan.FromDays(7), "erin", "overhaul").EndsAt);
    }

    [Fact]
    public void A_fault_that_held_all_through_maintenance_is_the_same_occurrence_afterwards()
    {
        var alarm = new AlarmLifecycle();
        Assert.True(alarm.ConditionStarted(T0, "pressure 0.3 bar"));

        alarm.Suppress(T0.AddMinutes(1), "erin", "under maintenance");
        Assert.Equal(AlarmLifecycleState.SuppressedByDesign, alarm.State);
        alarm.Restore(T0.AddHours(1), "system", "maintenance window over");

        Assert.Equal(AlarmLifecycleState.ActiveUnacknowledged, alarm.State);
        Assert.Equal(1, alarm.Occurrence);
    }

    [Fact]
    public void A_condition_that_starts_and_clears_during_maintenance_leaves_the_alarm_normal_afterwards()
    {
        var alarm = new AlarmLifecycle();
        alarm.Suppress(T0, "erin", "under maintenance");
        Assert.False(alarm.ConditionStarted(T0.AddMinutes(5), "pressure 0.3 bar"));
        alarm.ConditionCleared(T0.AddMinutes(10), "pressure 4.1 bar");

        alarm.Restore(T0.AddHours(1), "system", "maintenance window over");

        Assert.Equal(AlarmLifecycleState.Normal, alarm.State);
        Assert.Equal(0, alarm.Occurrence);
        Assert.Contains(alarm.History, h => h.Cause == "condition started (not annunciated)");
    }
}
