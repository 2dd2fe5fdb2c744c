namespace FacilityHub.Domain.WorkOrders;

public enum WorkOrderStatus
{
    /// <summary>Stored in the hub; not yet confirmed by the dispatch system.</summary>
    Raised = 1,
    Sent = 2,
    Accepted = 3,
    Rejected = 4,
    EnRoute = 5,
    OnSite = 6,
    Resolved = 7,
    Cancelled = 8,
    /// <summary>The visit moved: nobody was home, or a new appointment was made; the order waits for it.</summary>
    Rescheduled = 9,
}
