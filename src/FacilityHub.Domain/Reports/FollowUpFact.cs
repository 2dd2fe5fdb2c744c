namespace FacilityHub.Domain.Reports;

/// <summary>A follow-up call (回访) recorded on a work order: when, and whether the customer was satisfied.</summary>
public sealed record FollowUpFact(string WorkOrderId, DateTimeOffset At, bool Satisfied);
