namespace FacilityHub.FleetSimulator.Drills;

/// <summary>An alarm as the hub reports it, reduced to what scoring needs.</summary>
public sealed record DrillAlarm(string AlarmId, string EquipmentId, string RuleId, DateTimeOffset RaisedAt);
