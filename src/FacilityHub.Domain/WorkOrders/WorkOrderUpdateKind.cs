namespace FacilityHub.Domain.WorkOrders;

/// <summary>What the hub tells the dispatch system about an order it already holds.</summary>
public enum WorkOrderUpdateKind
{
    Escalated = 1,
    FaultCleared = 2,
    Reopened = 3,
    SlaBreached = 4,
    /// <summary>The operators withdrew the order: it goes to the dispatch system as a cancellation.</summary>
    Cancelled = 5,
}
