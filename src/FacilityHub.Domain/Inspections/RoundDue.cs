namespace FacilityHub.Domain.Inspections;

/// <summary>The next round a post needs at a level: done by <see cref="DueAt"/>, overdue after it.
/// <see cref="LastDoneAt"/> is the post's latest round at that level, if any.</summary>
public sealed record RoundDue(InspectionPost Post, InspectionLevel Level, DateTimeOffset DueAt, DateTimeOffset? LastDoneAt, bool Overdue);
