using FacilityHub.Domain.WorkOrders;

namespace FacilityHub.Grains.WorkOrders;

/// <summary>A progress report from the dispatch system; <see cref="ReportId"/> makes repeats harmless.</summary>
[GenerateSerializer, Immutable, Alias("fh.ProgressReport")]
public sealed record ProgressReport(string ReportId, DispatchProgress Kind, DateTimeOffset At, string Actor, string Note);
