namespace FacilityHub.Domain.Reports;

/// <summary>Everything the monthly report is computed from. The collections may hold more than the month: the
/// calculation picks what belongs to it. An empty inspection, nonconformance or complaint list means nothing was
/// recorded, and the report says so rather than showing a figure.</summary>
public sealed record MonthlyReportInput(
    string SiteId,
    string SiteName,
    ReportMonth Month,
    DateTimeOffset GeneratedAt,
    IReadOnlyList<WorkOrderFact> WorkOrders,
    IReadOnlyList<AlarmFact> Alarms,
    IReadOnlyList<FollowUpFact> FollowUps,
    IReadOnlyList<InspectionRoundFact> Inspections,
    IReadOnlyList<NonconformanceFact> Nonconformances,
    IReadOnlyList<ComplaintFact> Complaints);
