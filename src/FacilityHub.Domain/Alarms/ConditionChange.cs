using FacilityHub.Domain.Topology;

namespace FacilityHub.Domain.Alarms;

/// <summary>A rule's condition started (<see cref="Active"/>) or cleared on an equipment item.</summary>
public sealed record ConditionChange(RuleDefinition Rule, bool Active, DateTimeOffset At, string Message);
