namespace FacilityHub.Domain.WorkOrders;

/// <summary>A progress step reported by the dispatch system.</summary>
public enum DispatchProgress
{
    Accepted = 1,
    Rejected = 2,
    TeamAssigned = 3,
    EnRoute = 4,
    OnSite = 5,
    Resolved = 6,
    NobodyHome = 7,
    Rescheduled = 8,
    Cancelled = 9,
}
