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
    /// <summary>The dispatch system reported the fault fixed; the order awaits verification by telemetry.</summary>
    Resolved = 7,
    Cancelled = 8,
    /// <summary>The visit moved: nobody was home, or a new appointment was made; the order waits for it.</summary>
    Rescheduled = 9,
    /// <summary>The device read normal for the verification window after the repair: the repair is closed and a
    /// follow-up call is due.</summary>
    Verified = 10,
    /// <summary>The fault came back while awaiting verification, or the customer was not satisfied: back to dispatch.</summary>
    Reopened = 11,
    /// <summary>A step only: customer service recorded the follow-up call.</summary>
    FollowedUp = 12,
    /// <summary>Signed off: followed up and the customer satisfied.</summary>
    Closed = 13,
}
