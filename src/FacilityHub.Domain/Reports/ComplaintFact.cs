namespace FacilityHub.Domain.Reports;

/// <summary>A complaint: when it came in and when it was answered (null: not yet). No complainant data.</summary>
public sealed record ComplaintFact(DateTimeOffset ReceivedAt, DateTimeOffset? AnsweredAt);
