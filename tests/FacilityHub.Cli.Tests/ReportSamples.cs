using FacilityHub.Api.V1;
using Google.Protobuf.WellKnownTypes;
using DispatchPriority = FacilityHub.Dispatch.V1.WorkOrderPriority;

namespace FacilityHub.Cli.Tests;

/// <summary>A monthly report as the hub would send it (before inspection records exist).</summary>
internal static class ReportSamples
{
    public const string Html = "<!DOCTYPE html>\n<html><body><h1>Monthly quality report: Riverside Park</h1><svg></svg></body></html>\n";

    public static MonthlyReport November() => new()
    {
        SiteId = "riverside",
        SiteName = "Riverside Park",
        Month = "2026-11",
        PeriodStart = Timestamp.FromDateTimeOffset(new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero)),
        PeriodEnd = Timestamp.FromDateTimeOffset(new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero)),
        Complete = true,
        WorkOrdersRaised = 3,
        AlarmsRaised = 4,
        ResponseTimes = new ControlChart
        {
            Title = "Response time (raised → accepted)", Mean = 12.5, Ucl = 30.1, Lcl = 0, AverageMovingRange = 6.6,
            Points =
            {
                new ControlChartPoint { WorkOrderId = "pump-1/pressure_collapse/1", Minutes = 10 },
                new ControlChartPoint { WorkOrderId = "pump-1/pressure_collapse/2", Minutes = 15 },
            },
        },
        OnSiteTimes = new ControlChart { Title = "On-site time (raised → on site)" },
        Sla =
        {
            new SlaCompliance { Urgency = DispatchPriority.Emergency, Orders = 3, Met = 2, Breaches = { new SlaClockCount { Clock = SlaClock.Response, Orders = 1 } } },
        },
        Mtta = new MeanTime { Mean = Duration.FromTimeSpan(TimeSpan.FromMinutes(4)), Count = 3, Pending = 1 },
        Mttr = new MeanTime { Count = 0, Pending = 3 },
        FollowUpCoverage = new TargetResult { Name = "Follow-up coverage", TargetPercent = 20, Status = TargetStatus.NoData, NoDataText = "no repair completed this month" },
        Satisfaction = new TargetResult { Name = "Satisfaction", Count = 2, Total = 3, Percent = 200.0 / 3, TargetPercent = 85, Status = TargetStatus.NotMet },
        ComplaintsAnsweredIn24H = new TargetResult { Name = "Complaints answered within 24 h", TargetPercent = 95, Status = TargetStatus.NoData, NoDataText = "no complaint data recorded" },
        TopEquipment = { new FaultingEquipment { EquipmentId = "pump-1", WorkOrders = 2, AlarmActivations = 3 } },
        Proposals = { "Emergency orders: 1 of 3 missed a time limit (response 1). Review the hand-over." },
        Html = Html,
    };

    public static MonthlyReport WithTargets()
    {
        var report = November();
        report.Targets.Add(new TargetResult { Name = "Orders within their time limits", Count = 2, Total = 3, Percent = 200.0 / 3, TargetPercent = 100, Status = TargetStatus.NotMet });
        report.Targets.Add(report.FollowUpCoverage);
        report.Targets.Add(report.Satisfaction);
        report.Targets.Add(report.ComplaintsAnsweredIn24H);
        return report;
    }
}
