using FacilityHub.Domain.Reports;
using FacilityHub.Server.Dispatch;
using Google.Protobuf.WellKnownTypes;
using Proto = FacilityHub.Api.V1;

namespace FacilityHub.Server.Api;

/// <summary>The domain's monthly report as its gRPC message.</summary>
public static class ReportMapping
{
    public static Proto.MonthlyReport ToProto(MonthlyReport r, string html)
    {
        var proto = new Proto.MonthlyReport
        {
            SiteId = r.SiteId,
            SiteName = r.SiteName,
            Month = r.Month.ToString(),
            PeriodStart = Timestamp.FromDateTimeOffset(r.PeriodStart),
            PeriodEnd = Timestamp.FromDateTimeOffset(r.PeriodEnd),
            GeneratedAt = Timestamp.FromDateTimeOffset(r.GeneratedAt),
            Complete = r.Complete,
            WorkOrdersRaised = r.WorkOrdersRaised,
            AlarmsRaised = r.AlarmsRaised,
            ResponseTimes = ToProto(r.ResponseTimes),
            OnSiteTimes = ToProto(r.OnSiteTimes),
            Mtta = ToProto(r.Mtta),
            Mttr = ToProto(r.Mttr),
            FollowUpCoverage = ToProto(r.FollowUpCoverage),
            Satisfaction = ToProto(r.Satisfaction),
            ComplaintsAnsweredIn24H = ToProto(r.ComplaintsAnsweredIn24h),
            Nonconformances = r.Nonconformances,
            Html = html,
        };
        proto.Sla.AddRange(r.Sla.Select(s =>
        {
            var sla = new Proto.SlaCompliance { Urgency = GrpcDispatchGateway.ToProto(s.Urgency), Orders = s.Orders, Met = s.Met };
            sla.Breaches.AddRange(s.BreachesByClock.Select(b => new Proto.SlaClockCount { Clock = (Proto.SlaClock)(int)b.Key, Orders = b.Value }));
            return sla;
        }));
        proto.Inspections.AddRange(r.Inspections.Select(i => new Proto.InspectionLevelResult { Level = i.Level, Planned = i.Planned, Done = i.Done }));
        proto.Pareto.AddRange(r.Pareto.Select(c => new Proto.ParetoCategory { Category = c.Category, Count = c.Count, Percent = c.Percent, CumulativePercent = c.CumulativePercent }));
        proto.TopEquipment.AddRange(r.TopEquipment.Select(e => new Proto.FaultingEquipment { EquipmentId = e.EquipmentId, AlarmActivations = e.AlarmActivations, WorkOrders = e.WorkOrders }));
        proto.Targets.AddRange(r.Targets.Select(ToProto));
        proto.Proposals.AddRange(r.Proposals);
        return proto;
    }

    private static Proto.ControlChart ToProto(ControlChart c)
    {
        var chart = new Proto.ControlChart { Title = c.Title };
        if (c.Mean is { } mean) chart.Mean = mean;
        if (c.AverageMovingRange is { } mr) chart.AverageMovingRange = mr;
        if (c.Ucl is { } ucl) chart.Ucl = ucl;
        if (c.Lcl is { } lcl) chart.Lcl = lcl;
        chart.Points.AddRange(c.Points.Select(p => new Proto.ControlChartPoint
        {
            WorkOrderId = p.Label, RaisedAt = Timestamp.FromDateTimeOffset(p.At), Minutes = p.Value, Outside = p.Outside,
        }));
        return chart;
    }

    private static Proto.MeanTime ToProto(MeanTime m)
    {
        var proto = new Proto.MeanTime { Count = m.Count, Pending = m.Pending };
        if (m.Mean is { } mean) proto.Mean = Duration.FromTimeSpan(mean);
        return proto;
    }

    private static Proto.TargetResult ToProto(TargetResult t)
    {
        var proto = new Proto.TargetResult
        {
            Name = t.Name, Count = t.Count, Total = t.Total, TargetPercent = t.TargetPercent, NoDataText = t.NoDataText,
            Status = t.Status switch
            {
                TargetStatus.Met => Proto.TargetStatus.Met,
                TargetStatus.NotMet => Proto.TargetStatus.NotMet,
                _ => Proto.TargetStatus.NoData,
            },
        };
        if (t.Percent is { } p) proto.Percent = p;
        return proto;
    }
}
