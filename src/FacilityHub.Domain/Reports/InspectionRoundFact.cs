namespace FacilityHub.Domain.Reports;

/// <summary>Inspection rounds of one level ("daily", "weekly", "monthly") in the month: how many were planned and
/// how many of those were done.</summary>
public sealed record InspectionRoundFact(string Level, int Planned, int Done);
