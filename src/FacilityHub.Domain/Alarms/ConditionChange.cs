using FacilityHub.Domain.Topology;

namespace FacilityHub.Domain.Alarms;

/// <summary>A rule's condition started (<see cref="Active"/>) or cleared on an equipment item; a compliance finding
/// names the <see cref="Period"/> it is about.</summary>
public sealed record ConditionChange(RuleDefinition Rule, bool Active, DateTimeOffset At, string Message, MealWindow? Period = null);
