namespace FacilityHub.FleetSimulator.Generation;

/// <summary>A fault that was put into effect on <paramref name="EquipmentId"/> at <paramref name="At"/> (wall clock).</summary>
public sealed record InjectedFault(string EquipmentId, string Fault, DateTimeOffset At);
