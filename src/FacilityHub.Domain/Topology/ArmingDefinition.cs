namespace FacilityHub.Domain.Topology;

/// <summary>Zones (e.g. intrusion) that alarm only while the panel is armed; <see cref="ArmEvent"/> and
/// <see cref="DisarmEvent"/> are the panel's events that switch it. A panel whose state is not known yet
/// counts as armed: an intrusion is never missed for want of an "armed" message.</summary>
public sealed record ArmingDefinition(string ArmEvent, string DisarmEvent, IReadOnlyList<string> Zones);
