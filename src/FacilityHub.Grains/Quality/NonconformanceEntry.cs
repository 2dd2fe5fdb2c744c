using FacilityHub.Domain.Quality;

namespace FacilityHub.Grains.Quality;

/// <summary>A nonconformance and its corrective and preventive action, as stored and shown. <see cref="SourceKey"/>
/// identifies what raised it (an inspection item, a missed compliance period), so the same finding twice is one.</summary>
[GenerateSerializer, Immutable, Alias("fh.NonconformanceEntry")]
public sealed record NonconformanceEntry(
    string NonconformanceId,
    string SiteId,
    string BuildingId,
    string Category,
    NonconformanceSeverity Severity,
    NonconformanceState State,
    string Description,
    string SourceKey,
    DateTimeOffset RaisedAt,
    string RaisedBy,
    NonconformanceStepEntry[] Steps,
    string? ActionOwner = null,
    string? ActionPlan = null,
    DateTimeOffset? ActionDue = null,
    DateTimeOffset? CompletedAt = null,
    string? CompletedBy = null,
    string? CompletionNote = null,
    DateTimeOffset? VerifiedAt = null,
    string? VerifiedBy = null,
    DateTimeOffset? EscalatedAt = null,
    int Rejections = 0)
{
    public NonconformanceEntry Step(DateTimeOffset at, string actor, string what, string note) => this with { Steps = [.. Steps, new NonconformanceStepEntry(at, actor, what, note)] };
}
