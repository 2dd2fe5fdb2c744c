namespace FacilityHub.Domain.Maintenance;

/// <summary>A preventive-maintenance order the planner made: its id is deterministic per (item, plan, occurrence),
/// <c>{equipment}/{plan}/{occurrence}</c>, where the occurrence is the due date (yyyy-MM-dd) of a calendar plan or the
/// count reached by a runtime plan (<c>2000h</c>, <c>500starts</c>), so making it again after a restart is the same order.</summary>
public sealed record ScheduledOrder(string OrderId, string PlanId, string EquipmentId, string Occurrence, DateTimeOffset DueAt, Appointment Appointment)
{
    public static string IdOf(string equipmentId, string planId, string occurrence) => $"{equipmentId}/{planId}/{occurrence}";
}
