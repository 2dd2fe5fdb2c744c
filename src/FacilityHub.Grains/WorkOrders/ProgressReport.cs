using FacilityHub.Domain.WorkOrders;

namespace FacilityHub.Grains.WorkOrders;

/// <summary>A progress report from the dispatch system; <see cref="ReportId"/> makes repeats harmless.
/// <see cref="Note"/> carries the step's details in words (team, what was done, why); <see cref="Appointment"/> the
/// booked visit, when the step sets one.</summary>
[GenerateSerializer, Immutable, Alias("fh.ProgressReport")]
public sealed record ProgressReport(string ReportId, DispatchProgress Kind, DateTimeOffset At, string Actor, string Note, DateTimeOffset? Appointment = null, string? DispatchOrderId = null);
