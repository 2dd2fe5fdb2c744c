namespace FacilityHub.FleetSimulator.Drills;

/// <summary>An alarm as the hub reports it, reduced to what scoring needs. <paramref name="Returned"/>: not a new
/// occurrence but one raised earlier and never acknowledged whose condition came back at <paramref name="RaisedAt"/>
/// (ISA-18.2: the same alarm annunciated again, with no new work order).</summary>
public sealed record DrillAlarm(string AlarmId, string EquipmentId, string RuleId, DateTimeOffset RaisedAt, bool Returned = false);
