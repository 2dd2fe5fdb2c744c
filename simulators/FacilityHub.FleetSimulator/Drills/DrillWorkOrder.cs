namespace FacilityHub.FleetSimulator.Drills;

/// <summary>A work order as the hub reports it; <paramref name="SentAt"/> is its SENT step (the dispatch system has it), null before.</summary>
public sealed record DrillWorkOrder(string WorkOrderId, string AlarmId, string EquipmentId, DateTimeOffset CreatedAt, DateTimeOffset? SentAt);
