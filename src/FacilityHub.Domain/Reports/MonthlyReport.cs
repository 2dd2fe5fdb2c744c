namespace FacilityHub.Domain.Reports;

/// <summary>The monthly quality report of a site (DOMAIN.md "Inspections and quality"), computed by
/// <see cref="MonthlyReportCalculator"/>. <see cref="PeriodEnd"/> is the month's end, or the time it was made for a
/// month still running (<see cref="Complete"/> false).</summary>
public sealed record MonthlyReport(
    string SiteId,
    string SiteName,
    ReportMonth Month,
    DateTimeOffset PeriodStart,
    DateTimeOffset PeriodEnd,
    DateTimeOffset GeneratedAt,
    int WorkOrdersRaised,
    int AlarmsRaised,
    ControlChart ResponseTimes,
    ControlChart OnSiteTimes,
    IReadOnlyList<SlaCompliance> Sla,
    MeanTime Mtta,
    MeanTime Mttr,
    TargetResult FollowUpCoverage,
    TargetResult Satisfaction,
    TargetResult ComplaintsAnsweredIn24h,
    IReadOnlyList<InspectionLevelResult> Inspections,
    int Nonconformances,
    IReadOnlyList<ParetoCategory> Pareto,
    IReadOnlyList<FaultingEquipment> TopEquipment,
    IReadOnlyList<TargetResult> Targets,
    IReadOnlyList<string> Proposals)
{
    public bool Complete => PeriodEnd >= Month.End;
}
