using FacilityHub.Domain.WorkOrders;

namespace FacilityHub.Grains.WorkOrders;

[GenerateSerializer, Alias("fh.WorkOrderState")]
public sealed class WorkOrderState
{
    [Id(0)] public WorkOrderDraft? Draft { get; set; }
    [Id(1)] public WorkOrderStatus Status { get; set; }
    [Id(2)] public string? DispatchOrderId { get; set; }
    [Id(3)] public int SendAttempts { get; set; }
    [Id(4)] public string? LastError { get; set; }
    [Id(5)] public List<WorkOrderStep> Steps { get; set; } = [];
    [Id(6)] public HashSet<string> ReportIds { get; set; } = [];
    /// <summary>When the last progress report that was applied happened: an older one arriving late changes nothing.</summary>
    [Id(7)] public DateTimeOffset? LastProgressAt { get; set; }
    /// <summary>The booked visit, as the dispatch system last reported it.</summary>
    [Id(8)] public DateTimeOffset? Appointment { get; set; }
    /// <summary>Updates not yet confirmed by the dispatch system, oldest first (the outbox, after the create).</summary>
    [Id(9)] public List<DispatchNotice> Outbox { get; set; } = [];
    /// <summary>Alarms for the operators not yet confirmed raised, oldest first.</summary>
    [Id(10)] public List<PendingAlarm> PendingAlarms { get; set; } = [];
    /// <summary>Ids of the updates taken, so that one asked for twice goes out once.</summary>
    [Id(11)] public HashSet<string> UpdateIds { get; set; } = [];
    /// <summary>Time limits missed, in the order they were noticed.</summary>
    [Id(12)] public List<SlaBreachRecord> Breaches { get; set; } = [];
    /// <summary>When the dispatch system first reported the order accepted (or later), on site, resolved: the SLA milestones.</summary>
    [Id(13)] public DateTimeOffset? AcceptedAt { get; set; }
    [Id(14)] public DateTimeOffset? OnSiteAt { get; set; }
    [Id(15)] public DateTimeOffset? ResolvedAt { get; set; }
    /// <summary>The latest on-site report: whether the booked visit was kept.</summary>
    [Id(16)] public DateTimeOffset? LastOnSiteAt { get; set; }
    /// <summary>Whether the order's fault is present now, as its alarm last said (present when raised).</summary>
    [Id(17)] public bool FaultPresent { get; set; }
    /// <summary>When the device last started reading normal.</summary>
    [Id(18)] public DateTimeOffset? NormalSince { get; set; }
    /// <summary>When the hub recorded the repair (resolved) that awaits verification.</summary>
    [Id(19)] public DateTimeOffset? AwaitingVerificationSince { get; set; }
    [Id(20)] public DateTimeOffset? VerifiedAt { get; set; }
    /// <summary>The open follow-up call's due time; null when none is open.</summary>
    [Id(21)] public DateTimeOffset? FollowUpDue { get; set; }
    [Id(22)] public DateTimeOffset? ReopenedAt { get; set; }
    [Id(23)] public int Reopens { get; set; }
    [Id(24)] public List<FollowUpRecord> FollowUps { get; set; } = [];
}
