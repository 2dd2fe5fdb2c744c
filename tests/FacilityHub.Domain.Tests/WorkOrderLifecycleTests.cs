using FacilityHub.Domain.Alarms;
using FacilityHub.Domain.WorkOrders;

namespace FacilityHub.Domain.Tests;

public sealed class WorkOrderLifecycleTests
{
    [Fact]
    public void Progress_moves_an_order_forward_and_a_late_or_repeated_report_never_moves_it_back()
    {
        var s = WorkOrderStatus.Sent;
        s = WorkOrderLifecycle.Apply(s, DispatchProgress.Accepted);
        s = WorkOrderLifecycle.Apply(s, DispatchProgress.OnSite);
        Assert.Equal(WorkOrderStatus.OnSite, s);
        Assert.Equal(WorkOrderStatus.OnSite, WorkOrderLifecycle.Apply(s, DispatchProgress.EnRoute));
        Assert.Equal(WorkOrderStatus.OnSite, WorkOrderLifecycle.Apply(s, DispatchProgress.Accepted));
        Assert.Equal(WorkOrderStatus.Resolved, WorkOrderLifecycle.Apply(s, DispatchProgress.Resolved));
    }

    [Fact]
    public void A_finished_order_stays_finished()
    {
        Assert.Equal(WorkOrderStatus.Resolved, WorkOrderLifecycle.Apply(WorkOrderStatus.Resolved, DispatchProgress.Cancelled));
        Assert.Equal(WorkOrderStatus.Rejected, WorkOrderLifecycle.Apply(WorkOrderStatus.Rejected, DispatchProgress.Accepted));
        Assert.Equal(WorkOrderStatus.Cancelled, WorkOrderLifecycle.Apply(WorkOrderStatus.EnRoute, DispatchProgress.Cancelled));
    }

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
}
