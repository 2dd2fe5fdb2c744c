namespace FacilityHub.Domain.Reports;

/// <summary>A nonconformance found in the month (an inspection finding, a compliance finding): its category (what kind
/// of problem), severity class, when it was raised, and whether its corrective action has been verified.</summary>
public sealed record NonconformanceFact(string Category, string Severity, DateTimeOffset RaisedAt, bool ActionVerified = false);
