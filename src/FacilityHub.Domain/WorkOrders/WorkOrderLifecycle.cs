namespace FacilityHub.Domain.WorkOrders;

/// <summary>How an order's status follows the dispatch system's progress reports. Reports may arrive late or
/// twice: a step older than the last one applied changes nothing, a finished order (resolved, rejected, cancelled)
/// stays finished, and a visit that fell through (nobody home, rescheduled) lets the order go round again
/// (rescheduled → en route → on site).</summary>
public static class WorkOrderLifecycle
{
    /// <summary>Done as far as the dispatch system is concerned (a reopened order is its again).</summary>
    public static bool IsFinished(WorkOrderStatus s) =>
        s is WorkOrderStatus.Resolved or WorkOrderStatus.Rejected or WorkOrderStatus.Cancelled
            or WorkOrderStatus.Verified or WorkOrderStatus.FollowedUp or WorkOrderStatus.Closed;

    /// <summary>Nothing left to do: signed off after the follow-up call, or withdrawn.</summary>
    public static bool IsSignedOff(WorkOrderStatus s) => s is WorkOrderStatus.Closed or WorkOrderStatus.Cancelled;

    /// <summary>The fault coming back reopens the order only while it awaits verification; later it is a new fault.</summary>
    public static bool ReopensOnFaultReturn(WorkOrderStatus s) => s == WorkOrderStatus.Resolved;

    /// <summary>A follow-up call can be recorded once the repair is verified, and only once per verification.</summary>
    public static bool AwaitsFollowUp(WorkOrderStatus s) => s == WorkOrderStatus.Verified;

    /// <summary>A satisfied customer signs the order off; an unsatisfied one sends it back to dispatch.</summary>
    public static WorkOrderStatus AfterFollowUp(bool satisfied) => satisfied ? WorkOrderStatus.Closed : WorkOrderStatus.Reopened;

    /// <param name="current">The order's status now.</param>
    /// <param name="lastProgressAt">When the last report that was applied happened (null before any).</param>
    public static WorkOrderStatus Apply(WorkOrderStatus current, DateTimeOffset? lastProgressAt, DispatchProgress progress, DateTimeOffset at)
    {
        if (IsFinished(current)) return current;
        switch (progress)
        {
            // An ending is final whenever it is heard of: nothing comes after it to be confused with.
            case DispatchProgress.Resolved: return WorkOrderStatus.Resolved;
            case DispatchProgress.Rejected: return WorkOrderStatus.Rejected;
            case DispatchProgress.Cancelled: return WorkOrderStatus.Cancelled;
        }
        if (at < lastProgressAt) return current;
        return progress switch
        {
            DispatchProgress.Accepted or DispatchProgress.TeamAssigned =>
                current is WorkOrderStatus.Raised or WorkOrderStatus.Sent or WorkOrderStatus.Reopened ? WorkOrderStatus.Accepted : current,
            DispatchProgress.EnRoute => current == WorkOrderStatus.OnSite ? current : WorkOrderStatus.EnRoute,
            DispatchProgress.OnSite => WorkOrderStatus.OnSite,
            DispatchProgress.NobodyHome or DispatchProgress.Rescheduled => WorkOrderStatus.Rescheduled,
            _ => current,
        };
    }

    /// <summary>The step moves the order's booked visit: a report carrying an appointment sets it, except a stale one.</summary>
    public static bool SetsAppointment(DispatchProgress progress) =>
        progress is DispatchProgress.Accepted or DispatchProgress.TeamAssigned or DispatchProgress.NobodyHome or DispatchProgress.Rescheduled;
}
