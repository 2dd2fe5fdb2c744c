namespace FacilityHub.Domain.WorkOrders;

/// <summary>How an order's status follows the dispatch system's progress reports. Reports may arrive late
/// or twice: a step never moves an order backwards, and a finished order (resolved, rejected, cancelled)
/// stays finished.</summary>
public static class WorkOrderLifecycle
{
    public static WorkOrderStatus Apply(WorkOrderStatus current, DispatchProgress progress)
    {
        if (current is WorkOrderStatus.Resolved or WorkOrderStatus.Rejected or WorkOrderStatus.Cancelled) return current;
        WorkOrderStatus? next = progress switch
        {
            DispatchProgress.Accepted or DispatchProgress.TeamAssigned or DispatchProgress.Rescheduled or DispatchProgress.NobodyHome => WorkOrderStatus.Accepted,
            DispatchProgress.EnRoute => WorkOrderStatus.EnRoute,
            DispatchProgress.OnSite => WorkOrderStatus.OnSite,
            DispatchProgress.Resolved => WorkOrderStatus.Resolved,
            DispatchProgress.Rejected => WorkOrderStatus.Rejected,
            DispatchProgress.Cancelled => WorkOrderStatus.Cancelled,
            _ => null,
        };
        if (next is not { } n) return current;
        if (n is WorkOrderStatus.Rejected or WorkOrderStatus.Cancelled) return n;
        return Rank(n) > Rank(current) ? n : current;
    }

    private static int Rank(WorkOrderStatus s) => s switch
    {
        WorkOrderStatus.Raised => 0,
        WorkOrderStatus.Sent => 1,
        WorkOrderStatus.Accepted => 2,
        WorkOrderStatus.EnRoute => 3,
        WorkOrderStatus.OnSite => 4,
        WorkOrderStatus.Resolved => 5,
        _ => 6,
    };
}
