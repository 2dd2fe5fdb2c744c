using FacilityHub.Domain.Alarms;

namespace FacilityHub.Domain.Tests;

public sealed class AlarmLifecycleTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 25, 8, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Active_then_acknowledged_then_cleared_returns_to_normal_with_every_step_on_record()
    {
        var alarm = new AlarmLifecycle();

        Assert.True(alarm.ConditionStarted(T0, "pressure 0.3 bar"));
        alarm.Acknowledge(T0.AddMinutes(1), "alice", "crew called");
        alarm.ConditionCleared(T0.AddMinutes(30), "pressure 4.1 bar");

        Assert.Equal(AlarmLifecycleState.Normal, alarm.State);
        Assert.Equal(
            [(AlarmLifecycleState.Normal, AlarmLifecycleState.ActiveUnacknowledged, "system"),
             (AlarmLifecycleState.ActiveUnacknowledged, AlarmLifecycleState.ActiveAcknowledged, "alice"),
             (AlarmLifecycleState.ActiveAcknowledged, AlarmLifecycleState.Normal, "system")],
            alarm.History.Select(h => (h.From, h.To, h.Actor)));
        Assert.Equal(T0.AddMinutes(1), alarm.History[1].At);
        Assert.Equal("crew called", alarm.History[1].Note);
    }

    [Fact]
    public void A_condition_that_clears_unacknowledged_waits_for_acknowledgement_and_a_return_is_the_same_occurrence()
    {
        var alarm = new AlarmLifecycle();
        alarm.ConditionStarted(T0, "low");
        alarm.ConditionCleared(T0.AddSeconds(10), "ok");
        Assert.Equal(AlarmLifecycleState.ReturnedUnacknowledged, alarm.State);

        Assert.False(alarm.ConditionStarted(T0.AddSeconds(20), "low again"));
        Assert.Equal(AlarmLifecycleState.ActiveUnacknowledged, alarm.State);
        Assert.Equal(1, alarm.Occurrence);

        alarm.ConditionCleared(T0.AddSeconds(30), "ok");
        alarm.Acknowledge(T0.AddSeconds(40), "bob", "");
        Assert.Equal(AlarmLifecycleState.Normal, alarm.State);
        Assert.True(alarm.ConditionStarted(T0.AddMinutes(5), "low"));
        Assert.Equal(2, alarm.Occurrence);
    }

    [Fact]
    public void Acknowledging_what_is_not_waiting_for_it_is_refused_with_the_reason()
    {
        var alarm = new AlarmLifecycle();
        var normal = Assert.Throws<AlarmActionRefusedException>(() => alarm.Acknowledge(T0, "alice", ""));
        Assert.Contains("the alarm is normal", normal.Message);

        alarm.ConditionStarted(T0, "x");
        alarm.Acknowledge(T0, "alice", "");
        var twice = Assert.Throws<AlarmActionRefusedException>(() => alarm.Acknowledge(T0, "bob", ""));
        Assert.Contains("already acknowledged", twice.Message);
    }

    [Fact]
    public void A_shelved_alarm_hides_its_condition_and_comes_back_as_a_new_occurrence_when_the_shelf_expires()
    {
        var alarm = new AlarmLifecycle();
        alarm.ConditionStarted(T0, "chattering switch");
        alarm.Shelve(T0.AddMinutes(1), TimeSpan.FromHours(1), "alice", "sensor known faulty, repair booked");
        alarm.ConditionCleared(T0.AddMinutes(2), "");
        Assert.False(alarm.ConditionStarted(T0.AddMinutes(3), "again"));

        Assert.False(alarm.ExpireShelf(T0.AddMinutes(60)));
        Assert.Equal(AlarmLifecycleState.Shelved, alarm.State);
        Assert.True(alarm.ExpireShelf(T0.AddMinutes(61)));

        Assert.Equal(AlarmLifecycleState.ActiveUnacknowledged, alarm.State);
        Assert.Equal(2, alarm.Occurrence);
        Assert.Null(alarm.ShelvedUntil);
        Assert.Contains(alarm.History, h => h.Cause == "shelf expired");
    }

    [Fact]
    public void A_condition_that_held_all_through_the_shelf_is_the_same_occurrence_when_it_comes_back()
    {
        var alarm = new AlarmLifecycle();
        alarm.ConditionStarted(T0, "smoke");
        alarm.Acknowledge(T0.AddMinutes(1), "alice", "");
        alarm.Shelve(T0.AddMinutes(2), TimeSpan.FromMinutes(30), "bob", "contractor testing detectors");

        Assert.True(alarm.ExpireShelf(T0.AddMinutes(32)));

        // Still the first occurrence (no second work order), annunciating again for someone to look at it.
        Assert.Equal(1, alarm.Occurrence);
        Assert.Equal(AlarmLifecycleState.ActiveUnacknowledged, alarm.State);
        Assert.Equal((AlarmLifecycleState.Shelved, AlarmLifecycleState.ActiveUnacknowledged, "shelf expired", "system"),
            (alarm.History[^1].From, alarm.History[^1].To, alarm.History[^1].Cause, alarm.History[^1].Actor));
    }

    [Fact]
    public void Unshelving_a_clear_alarm_returns_it_to_normal_and_only_a_shelved_alarm_can_be_unshelved()
    {
        var alarm = new AlarmLifecycle();
        Assert.Throws<AlarmActionRefusedException>(() => alarm.Unshelve(T0, "alice", ""));
        alarm.Shelve(T0, TimeSpan.FromMinutes(10), "alice", "commissioning");
        alarm.Unshelve(T0.AddMinutes(1), "alice", "done");

        Assert.Equal(AlarmLifecycleState.Normal, alarm.State);
        Assert.Equal(0, alarm.Occurrence);
    }

    [Fact]
    public void Suppressed_by_design_during_maintenance_then_restored_with_the_fault_still_there_annunciates()
    {
        var alarm = new AlarmLifecycle();
        alarm.Suppress(T0, "maintenance", "pump overhaul");
        Assert.False(alarm.ConditionStarted(T0.AddMinutes(5), "no pressure while pump is open"));
        Assert.Throws<AlarmActionRefusedException>(() => alarm.Shelve(T0, TimeSpan.FromMinutes(1), "alice", "x"));

        alarm.Restore(T0.AddHours(2), "maintenance", "overhaul done");

        Assert.Equal(AlarmLifecycleState.ActiveUnacknowledged, alarm.State);
        Assert.Equal(1, alarm.Occurrence);
    }

    [Fact]
    public void A_restored_alarm_survives_being_rebuilt_from_its_stored_fields()
    {
        var alarm = new AlarmLifecycle();
        alarm.ConditionStarted(T0, "x");
        alarm.Shelve(T0, TimeSpan.FromMinutes(10), "alice", "noisy");

        var copy = new AlarmLifecycle(alarm.State, alarm.ConditionActive, alarm.Occurrence, alarm.ShelvedUntil, alarm.RaisedAt, alarm.History);

        Assert.True(copy.ExpireShelf(T0.AddMinutes(10)));
        Assert.Equal(AlarmLifecycleState.ActiveUnacknowledged, copy.State);
        // One step more: back from the shelf into the same occurrence, which the copy knew from the stored fields.
        Assert.Equal(alarm.History.Count + 1, copy.History.Count);
        Assert.Equal(1, copy.Occurrence);
    }

    [Fact]
    public void Comments_are_kept_without_changing_the_state()
    {
        var alarm = new AlarmLifecycle();
        alarm.ConditionStarted(T0, "x");
        alarm.Comment(T0.AddMinutes(2), "alice", "resident called, water in the stairwell");

        Assert.Equal(AlarmLifecycleState.ActiveUnacknowledged, alarm.State);
        var last = alarm.History[^1];
        Assert.Equal(("comment", "alice", "resident called, water in the stairwell"), (last.Cause, last.Actor, last.Note));
    }
}
