namespace FacilityHub.Domain.Reports;

/// <summary>Inspection rounds of one level in the month, done against planned (the target is every planned round).</summary>
public sealed record InspectionLevelResult(string Level, int Planned, int Done)
{
    public double? PercentDone => Planned == 0 ? null : 100.0 * Done / Planned;
}
