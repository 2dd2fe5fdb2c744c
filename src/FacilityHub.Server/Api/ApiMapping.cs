using FacilityHub.Api.V1;
using FacilityHub.Domain.Alarms;
using FacilityHub.Grains.Alarms;
using FacilityHub.Grains.Sites;
using FacilityHub.Grains.WorkOrders;
using FacilityHub.Server.Dispatch;
using Google.Protobuf.WellKnownTypes;
using DomainStatus = FacilityHub.Domain.WorkOrders.WorkOrderStatus;
using ProtoStatus = FacilityHub.Api.V1.WorkOrderStatus;

namespace FacilityHub.Server.Api;

/// <summary>Grain views to API messages and API enums to domain ones.</summary>
public static class ApiMapping
{
    public static Alarm ToProto(this AlarmView a)
    {
        var alarm = new Alarm
        {
            AlarmId = a.AlarmId,
            SiteId = a.SiteId,
            BuildingId = a.BuildingId,
            EquipmentId = a.EquipmentId,
            RuleId = a.RuleId,
            FaultCode = a.FaultCode,
            Priority = ToProto(a.Priority),
            State = ToProto(a.State),
            Message = a.Message,
            RaisedAt = Timestamp.FromDateTimeOffset(a.RaisedAt),
            WorkOrderId = a.WorkOrderId ?? "",
        };
        if (a.ClearedAt is { } cleared) alarm.ClearedAt = Timestamp.FromDateTimeOffset(cleared);
        if (a.ShelvedUntil is { } until) alarm.ShelvedUntil = Timestamp.FromDateTimeOffset(until);
        alarm.ConditionActive = a.ConditionActive;
        return alarm;
    }

    public static FacilityHub.Api.V1.AlarmTransition ToProto(this AlarmStep s) => new()
    {
        From = ToProto(s.From),
        To = ToProto(s.To),
        At = Timestamp.FromDateTimeOffset(s.At),
        Cause = s.Cause,
        Actor = s.Actor,
        Note = s.Note,
    };

    public static FacilityHub.Api.V1.AlarmKpis ToProto(this AlarmKpiView k, string siteId)
    {
        var kpis = new FacilityHub.Api.V1.AlarmKpis
        {
            SiteId = siteId,
            WindowStart = Timestamp.FromDateTimeOffset(k.From),
            WindowEnd = Timestamp.FromDateTimeOffset(k.To),
            Activations = k.Activations,
            AveragePer10Minutes = k.AveragePerInterval,
            PeakPer10Minutes = k.PeakPerInterval,
            Last10Minutes = k.InLatestInterval,
            FloodIntervals = k.FloodIntervals,
            FloodPeriods = k.FloodPeriods,
            PercentTimeInFlood = k.PercentTimeInFlood,
            FloodActive = k.FloodActive,
        };
        if (k.PeakIntervalStart is { } peak) kpis.PeakIntervalStart = Timestamp.FromDateTimeOffset(peak);
        kpis.Chattering.AddRange(k.Chattering.Select(c => new FacilityHub.Api.V1.ChatteringAlarm
        {
            AlarmTag = c.Tag,
            Activations = c.Activations,
            MaxIn60S = c.MostWithinChatterWindow,
            LastActivation = Timestamp.FromDateTimeOffset(c.LastActivation),
        }));
        kpis.Stale.AddRange(k.Stale.Select(s => new FacilityHub.Api.V1.StaleAlarm
        {
            AlarmTag = s.Tag,
            AlarmId = s.AlarmId,
            RaisedAt = Timestamp.FromDateTimeOffset(s.RaisedAt),
            ActiveFor = Duration.FromTimeSpan(s.ActiveFor),
        }));
        kpis.TopTen.AddRange(k.MostFrequent.Select(f => new FacilityHub.Api.V1.FrequentAlarm
        {
            AlarmTag = f.Tag,
            Activations = f.Activations,
            PercentOfActivations = f.PercentOfActivations,
        }));
        return kpis;
    }

    // The proto enum mirrors the domain's numbering (1..7); UNSPECIFIED is 0.
    public static AlarmState ToProto(AlarmLifecycleState s) => (AlarmState)(int)s;

    public static AlarmLifecycleState? FromProto(AlarmState s, string field) => s switch
    {
        AlarmState.Unspecified => null,
        _ when System.Enum.IsDefined((AlarmLifecycleState)(int)s) => (AlarmLifecycleState)(int)s,
        _ => throw Requests.Invalid(field, $"unknown state {(int)s}"),
    };

    public static WorkOrder ToProto(this WorkOrderView w)
    {
        var order = new WorkOrder
        {
            WorkOrderId = w.Draft.WorkOrderId,
            AlarmId = w.Draft.AlarmId,
            SiteId = w.Draft.SiteId,
            BuildingId = w.Draft.BuildingId,
            EquipmentId = w.Draft.EquipmentId,
            FaultCode = w.Draft.FaultCode,
            Priority = GrpcDispatchGateway.ToProto(w.Draft.Urgency),
            Status = ToProto(w.Status),
            Description = w.Draft.Description,
            CreatedAt = Timestamp.FromDateTimeOffset(w.Draft.RaisedAt),
            DispatchOrderId = w.DispatchOrderId ?? "",
            SendAttempts = w.SendAttempts,
            LastError = w.LastError ?? "",
        };
        if (w.Appointment is { } appointment) order.Appointment = Timestamp.FromDateTimeOffset(appointment);
        order.PendingUpdates = w.PendingUpdates;
        order.SlaBreaches.AddRange((w.Breaches ?? []).Select(b => new FacilityHub.Api.V1.SlaBreach
        {
            Clock = (FacilityHub.Api.V1.SlaClock)(int)b.Clock,
            Due = Timestamp.FromDateTimeOffset(b.Due),
            DetectedAt = Timestamp.FromDateTimeOffset(b.DetectedAt),
        }));
        if (w.VerifyDue is { } verifyDue) order.VerificationDue = Timestamp.FromDateTimeOffset(verifyDue);
        if (w.VerifiedAt is { } verifiedAt) order.VerifiedAt = Timestamp.FromDateTimeOffset(verifiedAt);
        if (w.FollowUpDue is { } followUpDue) order.FollowUpDue = Timestamp.FromDateTimeOffset(followUpDue);
        order.FollowUps.AddRange((w.FollowUps ?? []).Select(f => new FacilityHub.Api.V1.FollowUp
        {
            At = Timestamp.FromDateTimeOffset(f.At), Actor = f.Actor, Satisfied = f.Satisfied, Remark = f.Remark,
        }));
        order.Steps.AddRange(w.Steps.Select(s => new FacilityHub.Api.V1.WorkOrderStep { Status = ToProto(s.Status), At = Timestamp.FromDateTimeOffset(s.At), Actor = s.Actor, Note = s.Note }));
        return order;
    }

    public static FacilityHub.Api.V1.AlarmPriority ToProto(Domain.Alarms.AlarmPriority p) => p switch
    {
        Domain.Alarms.AlarmPriority.Emergency => FacilityHub.Api.V1.AlarmPriority.Emergency,
        Domain.Alarms.AlarmPriority.High => FacilityHub.Api.V1.AlarmPriority.High,
        Domain.Alarms.AlarmPriority.Medium => FacilityHub.Api.V1.AlarmPriority.Medium,
        _ => FacilityHub.Api.V1.AlarmPriority.Low,
    };

    public static Domain.Alarms.AlarmPriority? FromProto(FacilityHub.Api.V1.AlarmPriority p, string field) => p switch
    {
        FacilityHub.Api.V1.AlarmPriority.Unspecified => null,
        FacilityHub.Api.V1.AlarmPriority.Emergency => Domain.Alarms.AlarmPriority.Emergency,
        FacilityHub.Api.V1.AlarmPriority.High => Domain.Alarms.AlarmPriority.High,
        FacilityHub.Api.V1.AlarmPriority.Medium => Domain.Alarms.AlarmPriority.Medium,
        FacilityHub.Api.V1.AlarmPriority.Low => Domain.Alarms.AlarmPriority.Low,
        _ => throw Requests.Invalid(field, $"unknown priority {(int)p}"),
    };

    public static ProtoStatus ToProto(DomainStatus s) => s switch
    {
        DomainStatus.Raised => ProtoStatus.Raised,
        DomainStatus.Sent => ProtoStatus.Sent,
        DomainStatus.Accepted => ProtoStatus.Accepted,
        DomainStatus.Rejected => ProtoStatus.Rejected,
        DomainStatus.EnRoute => ProtoStatus.EnRoute,
        DomainStatus.OnSite => ProtoStatus.OnSite,
        DomainStatus.Resolved => ProtoStatus.Resolved,
        DomainStatus.Cancelled => ProtoStatus.Cancelled,
        DomainStatus.Rescheduled => ProtoStatus.Rescheduled,
        DomainStatus.Verified => ProtoStatus.Verified,
        DomainStatus.Reopened => ProtoStatus.Reopened,
        DomainStatus.FollowedUp => ProtoStatus.FollowedUp,
        DomainStatus.Closed => ProtoStatus.Closed,
        _ => ProtoStatus.Unspecified,
    };

    public static DomainStatus? FromProto(ProtoStatus s, string field) => s switch
    {
        ProtoStatus.Unspecified => null,
        _ when System.Enum.IsDefined(s) => System.Enum.GetValues<DomainStatus>().First(d => ToProto(d) == s),
        _ => throw Requests.Invalid(field, $"unknown status {(int)s}"),
    };
}
