namespace FacilityHub.Domain.Inspections;

/// <summary>The inspections file is invalid; the message names the offending entry.</summary>
public sealed class InspectionPlanException(string message, Exception? inner = null) : Exception(message, inner);
