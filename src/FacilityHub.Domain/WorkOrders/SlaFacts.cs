namespace FacilityHub.Domain.WorkOrders;

/// <summary>What the clocks of one order depend on: when the fault was reported, when the dispatch system first
/// reached each milestone, and the booked visit (with when it was booked).</summary>
public sealed record SlaFacts(
    WorkOrderUrgency Urgency,
    DateTimeOffset ReportedAt,
    DateTimeOffset? AcceptedAt,
    DateTimeOffset? OnSiteAt,
    DateTimeOffset? ResolvedAt,
    bool Ended,
    DateTimeOffset? Appointment,
    DateTimeOffset? LastOnSiteAt);
