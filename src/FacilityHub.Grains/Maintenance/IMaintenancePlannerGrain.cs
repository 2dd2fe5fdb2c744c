using Orleans.Concurrency;

namespace FacilityHub.Grains.Maintenance;

/// <summary>The estate's preventive-maintenance planner (one, key <see cref="Key"/>), durable: it makes the plans'
/// engineering orders ahead of time on a reminder, books them into the teams' visits and holds them through their
/// work. Refusals throw <see cref="Domain.WorkOrders.WorkOrderActionRefusedException"/>; an unknown order
/// <see cref="KeyNotFoundException"/>.</summary>
[Alias("fh.IMaintenancePlannerGrain")]
public interface IMaintenancePlannerGrain : IGrainWithStringKey
{
    public const string Key = "estate";

    /// <summary>Activates the planner (its reminder keeps it going) and plans what is due now.</summary>
    [Alias("Wake")] Task Wake();

    /// <summary>A team's orders whose visit starts in [from, to), by start.</summary>
    [Alias("ListVisits"), AlwaysInterleave] Task<EngineeringOrder[]> ListVisits(string teamId, DateTimeOffset from, DateTimeOffset to);

    [Alias("Get"), AlwaysInterleave] Task<EngineeringOrder?> Get(string orderId);

    /// <summary>Moves a scheduled order's visit; refused when it breaks the team's hours, capacity or slack.</summary>
    [Alias("Reschedule")] Task<EngineeringOrder> Reschedule(string orderId, DateTimeOffset start, string reason, string actor);

    /// <summary>The team starts the work: the item goes under maintenance for the booked duration.</summary>
    [Alias("StartWork")] Task<EngineeringOrder> StartWork(string orderId, string actor);

    /// <summary>The work is done: findings and parts recorded, the item's maintenance window ended.</summary>
    [Alias("Complete")] Task<EngineeringOrder> Complete(string orderId, string findings, PartUsed[] parts, string actor);

    /// <summary>Books a requested home alarm service as an engineering order for a team with the alarm_systems skill.</summary>
    [Alias("RequestService")] Task<EngineeringOrder> RequestService(HomeAlarmServiceRequest request);

    /// <summary>Nobody was home for a scheduled visit: the note is recorded and the visit re-booked.</summary>
    [Alias("RecordNoAccess")] Task<EngineeringOrder> RecordNoAccess(string orderId, string note, string actor);
}
