using FacilityHub.Domain.Maintenance;
using FacilityHub.Grains.WorkOrders;

namespace FacilityHub.Grains.Maintenance;

/// <summary>An internal engineering order made by a preventive-maintenance plan or requested as a home alarm service, as stored and as shown. It is the
/// engineering department's own: it never goes to the dispatch system.</summary>
[GenerateSerializer, Alias("fh.EngineeringOrder")]
public sealed class EngineeringOrder
{
    [Id(0)] public string OrderId { get; set; } = "";
    [Id(1)] public string PlanId { get; set; } = "";
    [Id(2)] public string Title { get; set; } = "";
    [Id(3)] public string EquipmentId { get; set; } = "";
    [Id(4)] public string SiteId { get; set; } = "";
    [Id(5)] public string BuildingId { get; set; } = "";
    [Id(6)] public string TeamId { get; set; } = "";
    /// <summary>The due date (yyyy-MM-dd) or count reached (2000h, 500starts).</summary>
    [Id(7)] public string Occurrence { get; set; } = "";
    [Id(8)] public DateTimeOffset DueAt { get; set; }
    [Id(9)] public DateTimeOffset CreatedAt { get; set; }
    [Id(10)] public DateTimeOffset VisitStart { get; set; }
    [Id(11)] public DateTimeOffset VisitEnd { get; set; }
    [Id(12)] public EngineeringOrderStatus Status { get; set; }
    [Id(13)] public DateTimeOffset? StartedAt { get; set; }
    [Id(14)] public DateTimeOffset? CompletedAt { get; set; }
    [Id(15)] public string Findings { get; set; } = "";
    [Id(16)] public List<PartUsed> Parts { get; set; } = [];
    [Id(17)] public List<EngineeringStep> Steps { get; set; } = [];
    [Id(18)] public List<SlaBreachRecord> Breaches { get; set; } = [];
    /// <summary>The booked visit was moved this many times.</summary>
    [Id(19)] public int Reschedules { get; set; }
    /// <summary>The plan's schedule, in words ("every 1 month from 2026-01-05").</summary>
    [Id(20)] public string Schedule { get; set; } = "";
    /// <summary>Breach alarms not yet confirmed raised (stored first, raised after).</summary>
    [Id(21)] public List<PendingAlarm> PendingAlarms { get; set; } = [];

    /// <summary>Set on a requested home alarm service (commission, relocate, repair); null on a planned order.</summary>
    [Id(22)] public HomeAlarmServiceKind? ServiceKind { get; set; }
    /// <summary>What the requester described (a requested service); never the resident's name or phone.</summary>
    [Id(23)] public string Description { get; set; } = "";
    /// <summary>Visits where nobody was home (a note left, the visit re-booked).</summary>
    [Id(24)] public int NoAccessVisits { get; set; }
    /// <summary>Who requested a service (the caller's authenticated name).</summary>
    [Id(25)] public string RequestedBy { get; set; } = "";

    public bool IsOpen => Status != EngineeringOrderStatus.Completed;
}
