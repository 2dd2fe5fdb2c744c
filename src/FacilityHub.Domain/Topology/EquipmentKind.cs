namespace FacilityHub.Domain.Topology;

/// <summary>A kind of equipment or alarm point (water pump, dishwasher, home alarm, ...), defined by configuration.</summary>
public sealed record EquipmentKind(
    string Name,
    string Category,
    IReadOnlyDictionary<string, MetricDefinition> Metrics,
    IReadOnlySet<string> Events,
    IReadOnlyList<RuleDefinition> Rules);
