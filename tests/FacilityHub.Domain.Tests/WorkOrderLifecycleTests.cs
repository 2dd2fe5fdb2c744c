using FacilityHub.Domain.Alarms;
using FacilityHub.Domain.WorkOrders;

namespace FacilityHub.Domain.Tests;

public sealed class WorkOrderLifecycleTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 25, 10, 0, 0, TimeSpan.Zero);

    /// <summary>Drives reports (kind, minutes after T0) through the lifecycle as the grain does, from Sent.</summary>
    private static WorkOrderStatus Walk(params (DispatchProgress Kind, int Minute)[] reports)
    {
        var status = WorkOrderStatus.Sent;
        DateTimeOffset? last = null;
        foreach (var (kind, minute) in reports)
        {
            var at = T0.AddMinutes(minute);
            status = WorkOrderLifecycle.Apply(status, last, kind, at);
            if (at >= last || last is null) last = at;
        }
        return status;
    }

    [Fact]
    public void Progress_moves_an_order_forward_and_a_late_or_repeated_report_never_moves_it_back()
    {
        Assert.Equal(WorkOrderStatus.OnSite, Walk((DispatchProgress.Accepted, 1), (DispatchProgress.OnSite, 30)));
        Assert.Equal(WorkOrderStatus.OnSite, Walk((DispatchProgress.Accepted, 1), (DispatchProgress.OnSite, 30), (DispatchProgress.EnRoute, 20)));
        Assert.Equal(WorkOrderStatus.OnSite, Walk((DispatchProgress.OnSite, 30), (DispatchProgress.Accepted, 31)));
        Assert.Equal(WorkOrderStatus.OnSite, Walk((DispatchProgress.OnSite, 30), (DispatchProgress.EnRoute, 31)));
        Assert.Equal(WorkOrderStatus.Resolved, Walk((DispatchProgress.OnSite, 30), (DispatchProgress.Resolved, 90)));
    }

    [Fact]
    public void A_team_assignment_counts_as_acceptance_and_en_route_may_come_without_either()
    {
        Assert.Equal(WorkOrderStatus.Accepted, Walk((DispatchProgress.TeamAssigned, 1)));
        Assert.Equal(WorkOrderStatus.Accepted, Walk((DispatchProgress.Accepted, 1), (DispatchProgress.TeamAssigned, 2)));
        Assert.Equal(WorkOrderStatus.EnRoute, Walk((DispatchProgress.EnRoute, 5)));
    }

    [Fact]
    public void Nobody_home_or_a_new_appointment_reschedules_and_the_next_visit_goes_round_again()
    {
        Assert.Equal(WorkOrderStatus.Rescheduled, Walk((DispatchProgress.Accepted, 1), (DispatchProgress.OnSite, 30), (DispatchProgress.NobodyHome, 35)));
        Assert.Equal(WorkOrderStatus.Rescheduled, Walk((DispatchProgress.Accepted, 1), (DispatchProgress.Rescheduled, 10)));
        Assert.Equal(WorkOrderStatus.EnRoute, Walk((DispatchProgress.OnSite, 30), (DispatchProgress.NobodyHome, 35), (DispatchProgress.EnRoute, 200)));
        Assert.Equal(WorkOrderStatus.OnSite, Walk((DispatchProgress.OnSite, 30), (DispatchProgress.NobodyHome, 35), (DispatchProgress.EnRoute, 200), (DispatchProgress.OnSite, 220)));
        // A late "accepted" does not undo the reschedule.
        Assert.Equal(WorkOrderStatus.Rescheduled, Walk((DispatchProgress.NobodyHome, 35), (DispatchProgress.Accepted, 36)));
    }

    [Fact]
    public void A_step_older_than_the_last_one_applied_arrives_too_late_to_change_the_status()
    {
        // The first visit's "en route" (minute 20) arrives after the reschedule (minute 35): the order waits for the new visit.
        Assert.Equal(WorkOrderStatus.Rescheduled, Walk((DispatchProgress.NobodyHome, 35), (DispatchProgress.EnRoute, 20)));
        Assert.Equal(WorkOrderStatus.Rescheduled, Walk((DispatchProgress.Rescheduled, 35), (DispatchProgress.OnSite, 30)));
    }

    [Fact]
    public void A_finished_order_stays_finished_and_an_ending_applies_whenever_it_is_heard_of()
    {
        Assert.Equal(WorkOrderStatus.Resolved, WorkOrderLifecycle.Apply(WorkOrderStatus.Resolved, T0, DispatchProgress.Cancelled, T0.AddHours(1)));
        Assert.Equal(WorkOrderStatus.Rejected, WorkOrderLifecycle.Apply(WorkOrderStatus.Rejected, T0, DispatchProgress.Accepted, T0.AddHours(1)));
        Assert.Equal(WorkOrderStatus.Cancelled, WorkOrderLifecycle.Apply(WorkOrderStatus.EnRoute, T0, DispatchProgress.Cancelled, T0.AddHours(1)));
        Assert.Equal(WorkOrderStatus.Resolved, WorkOrderLifecycle.Apply(WorkOrderStatus.OnSite, T0, DispatchProgress.Resolved, T0.AddMinutes(-1)));
        Assert.Equal(WorkOrderStatus.Rejected, WorkOrderLifecycle.Apply(WorkOrderStatus.Sent, null, DispatchProgress.Rejected, T0));
        Assert.True(WorkOrderLifecycle.IsFinished(WorkOrderStatus.Rejected));
        Assert.False(WorkOrderLifecycle.IsFinished(WorkOrderStatus.Rescheduled));
    }

    [Fact]
    public void A_report_while_the_create_answer_is_still_on_its_way_moves_the_order_on()
    {
        Assert.Equal(WorkOrderStatus.Accepted, WorkOrderLifecycle.Apply(WorkOrderStatus.Raised, null, DispatchProgress.Accepted, T0));
    }

    [Theory]
    [InlineData(DispatchProgress.Accepted, true)]
    [InlineData(DispatchProgress.TeamAssigned, true)]
    [InlineData(DispatchProgress.NobodyHome, true)]
    [InlineData(DispatchProgress.Rescheduled, true)]
    [InlineData(DispatchProgress.EnRoute, false)]
    [InlineData(DispatchProgress.Resolved, false)]
    public void Steps_that_book_a_visit_set_the_appointment(DispatchProgress kind, bool sets) =>
        Assert.Equal(sets, WorkOrderLifecycle.SetsAppointment(kind));

    [Theory]
    [InlineData(AlarmPriority.Emergency, WorkOrderUrgency.Emergency)]
    [InlineData(AlarmPriority.High, WorkOrderUrgency.Major)]
    [InlineData(AlarmPriority.Low, WorkOrderUrgency.Normal)]
    public void An_alarm_s_priority_sets_the_order_s_urgency(AlarmPriority priority, WorkOrderUrgency urgency) =>
        Assert.Equal(urgency, WorkOrderUrgencies.FromAlarmPriority(priority));

    [Fact]
    public void Dispatch_retries_back_off_from_200_ms_doubling_to_a_10_second_cap()
    {
        Assert.Equal(TimeSpan.Zero, DispatchBackoff.After(0));
        Assert.Equal(TimeSpan.FromMilliseconds(200), DispatchBackoff.After(1));
        Assert.Equal(TimeSpan.FromMilliseconds(400), DispatchBackoff.After(2));
        Assert.Equal(TimeSpan.FromSeconds(10), DispatchBackoff.After(8));
        Assert.Equal(TimeSpan.FromSeconds(10), DispatchBackoff.After(1000));
    }

    [Fact]
    public void Every_item_has_the_rejected_order_alarm_whatever_its_kind_and_a_kind_s_own_rule_wins()
    {
        var estate = SampleEstate.Load();
        var pump = estate.Equipment.First(e => e.Kind.Name == "water_pump");
        var rule = DispatchAlarmRules.Find(pump, "dispatch_rejected");
        Assert.NotNull(rule);
        Assert.Equal(AlarmPriority.High, rule.Priority);
        Assert.False(rule.RaisesWorkOrder);
        Assert.Same(pump.Kind.Rules[0], DispatchAlarmRules.Find(pump, pump.Kind.Rules[0].Id));
        Assert.Null(DispatchAlarmRules.Find(pump, "no_such_rule"));
    }
}
