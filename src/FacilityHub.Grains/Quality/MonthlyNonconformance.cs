using FacilityHub.Domain.Quality;

namespace FacilityHub.Grains.Quality;

/// <summary>A nonconformance as the monthly report needs it.</summary>
[GenerateSerializer, Immutable, Alias("fh.MonthlyNonconformance")]
public sealed record MonthlyNonconformance(
    string NonconformanceId,
    string Category,
    NonconformanceSeverity Severity,
    NonconformanceState State,
    DateTimeOffset RaisedAt,
    DateTimeOffset? ActionDue,
    DateTimeOffset? CompletedAt,
    DateTimeOffset? VerifiedAt,
    bool Escalated,
    DateTimeOffset? EscalatedAt);
