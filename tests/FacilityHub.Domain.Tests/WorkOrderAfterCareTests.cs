using FacilityHub.Domain.WorkOrders;

namespace FacilityHub.Domain.Tests;

/// <summary>After the repair: verification by telemetry, the follow-up call, and the end-of-day list, on virtual time.</summary>
public sealed class WorkOrderAfterCareTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 25, 10, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Window = new AfterCarePolicy().VerifyWindow;

    /// <summary>The device's readings after a repair reported at T0, as (minute, fault present) changes: the minute the
    /// order first counts as verified, watching each second; null when it never does within a day, or when the fault
    /// came back first (the order reopens instead).</summary>
    private static (int? VerifiedAtSecond, bool Reopened) Watch(bool faultPresentAtRepair, DateTimeOffset? normalSince, params (int Minute, bool FaultPresent)[] changes)
    {
        bool present = faultPresentAtRepair;
        for (int second = 0; second <= 24 * 3600; second++)
        {
            var now = T0.AddSeconds(second);
            foreach (var (minute, fault) in changes.Where(c => c.Minute * 60 == second))
            {
                if (fault && !present && WorkOrderLifecycle.ReopensOnFaultReturn(WorkOrderStatus.Resolved)) return (null, true);
                if (!fault && present) normalSince = now;
                present = fault;
            }
            if (WorkOrderVerification.IsVerified(T0, present, normalSince, Window, now)) return (second, false);
        }
        return (null, false);
    }

    [Fact]
    public void A_repair_is_verified_once_the_device_has_read_normal_for_ten_minutes_after_it()
    {
        Assert.Equal(TimeSpan.FromMinutes(10), Window);
        Assert.Equal((600, false), Watch(false, T0.AddMinutes(-30)));
        Assert.Equal((15 * 60, false), Watch(false, T0.AddMinutes(5)));
    }

    [Fact]
    public void A_repair_reported_while_the_fault_is_still_present_waits_for_the_device_to_read_normal()
    {
        Assert.Equal((25 * 60, false), Watch(true, null, (15, false)));
        Assert.Equal((null, false), Watch(true, null));
        Assert.Null(WorkOrderVerification.Due(T0, faultPresent: true, T0.AddMinutes(-1), Window));
    }

    [Fact]
    public void A_fault_back_within_the_window_reopens_the_order_instead_of_verifying_it()
    {
        Assert.Equal((null, true), Watch(false, T0, (9, true)));
        // Only an order awaiting verification reopens: after verification a return is a new fault (a new order).
        Assert.False(WorkOrderLifecycle.ReopensOnFaultReturn(WorkOrderStatus.Verified));
        Assert.False(WorkOrderLifecycle.ReopensOnFaultReturn(WorkOrderStatus.OnSite));
    }

    [Fact]
    public void A_reopened_order_goes_round_again_at_the_dispatch_system()
    {
        var status = WorkOrderStatus.Reopened;
        status = WorkOrderLifecycle.Apply(status, T0, DispatchProgress.Accepted, T0.AddMinutes(1));
        Assert.Equal(WorkOrderStatus.Accepted, status);
        status = WorkOrderLifecycle.Apply(status, T0.AddMinutes(1), DispatchProgress.OnSite, T0.AddMinutes(30));
        status = WorkOrderLifecycle.Apply(status, T0.AddMinutes(30), DispatchProgress.Resolved, T0.AddMinutes(60));
        Assert.Equal(WorkOrderStatus.Resolved, status);
        Assert.False(WorkOrderLifecycle.IsFinished(WorkOrderStatus.Reopened));
    }

    [Fact]
    public void Only_a_verified_order_takes_a_follow_up_call_and_an_unsatisfied_customer_reopens_it()
    {
        Assert.True(WorkOrderLifecycle.AwaitsFollowUp(WorkOrderStatus.Verified));
        Assert.All([WorkOrderStatus.Resolved, WorkOrderStatus.Closed, WorkOrderStatus.Reopened, WorkOrderStatus.OnSite],
            s => Assert.False(WorkOrderLifecycle.AwaitsFollowUp(s)));
        Assert.Equal(WorkOrderStatus.Closed, WorkOrderLifecycle.AfterFollowUp(satisfied: true));
        Assert.Equal(WorkOrderStatus.Reopened, WorkOrderLifecycle.AfterFollowUp(satisfied: false));
        Assert.True(WorkOrderLifecycle.IsSignedOff(WorkOrderStatus.Closed));
        Assert.False(WorkOrderLifecycle.IsSignedOff(WorkOrderStatus.Verified));
        // A verified order is no longer the dispatch system's: its progress reports change nothing.
        Assert.Equal(WorkOrderStatus.Verified, WorkOrderLifecycle.Apply(WorkOrderStatus.Verified, T0, DispatchProgress.OnSite, T0.AddMinutes(1)));
    }

    [Fact]
    public void The_follow_up_call_is_due_within_two_days_by_default_and_bad_settings_are_named()
    {
        Assert.Equal(TimeSpan.FromDays(2), new AfterCarePolicy().FollowUpWithin);
        Assert.Empty(new AfterCarePolicy().Problems());
        var bad = new AfterCarePolicy { VerifyWindow = TimeSpan.Zero, FollowUpWithin = TimeSpan.FromHours(-1) }.Problems().ToList();
        Assert.Equal(2, bad.Count);
        Assert.StartsWith("WorkOrders:VerifyWindow:", bad[0]);
        Assert.StartsWith("WorkOrders:FollowUpWithin:", bad[1]);
    }

    [Fact]
    public void The_end_of_day_list_says_what_each_order_waits_for_and_when_it_should_be_done()
    {
        var fix = T0.AddHours(24);
        var visit = T0.AddHours(3);

        Assert.Null(WorkOrderSignOff.Pending(WorkOrderStatus.Closed, fix, null, null, null));
        Assert.Null(WorkOrderSignOff.Pending(WorkOrderStatus.Cancelled, fix, null, null, null));
        Assert.Equal(new PendingSignOff("not yet accepted", fix), WorkOrderSignOff.Pending(WorkOrderStatus.Sent, fix, null, null, null));
        Assert.Equal(new PendingSignOff("crew en route", fix), WorkOrderSignOff.Pending(WorkOrderStatus.EnRoute, fix, null, null, null));
        Assert.Equal(new PendingSignOff("rescheduled to 2026-11-25 13:00 UTC", visit), WorkOrderSignOff.Pending(WorkOrderStatus.Rescheduled, fix, visit, null, null));
        Assert.Equal(new PendingSignOff("awaiting verification: device must read normal", T0.AddMinutes(10)),
            WorkOrderSignOff.Pending(WorkOrderStatus.Resolved, fix, null, T0.AddMinutes(10), null));
        Assert.Equal(new PendingSignOff("awaiting verification: the fault is still present", null), WorkOrderSignOff.Pending(WorkOrderStatus.Resolved, fix, null, null, null));
        Assert.Equal(new PendingSignOff("awaiting follow-up call", T0.AddDays(2)), WorkOrderSignOff.Pending(WorkOrderStatus.Verified, fix, null, null, T0.AddDays(2)));
        Assert.Equal("reopened, waiting for the crew", WorkOrderSignOff.Pending(WorkOrderStatus.Reopened, fix, null, null, null)!.Reason);
        Assert.Null(WorkOrderSignOff.Pending(WorkOrderStatus.Rejected, fix, null, null, null)!.ExpectedBy);
    }
}
