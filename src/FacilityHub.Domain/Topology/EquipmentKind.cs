namespace FacilityHub.Domain.Topology;

/// <summary>A kind of equipment or alarm point (water pump, dishwasher, home alarm, ...), defined by configuration.</summary>
public sealed record EquipmentKind(
    string Name,
    string Category,
    IReadOnlyDictionary<string, MetricDefinition> Metrics,
    IReadOnlySet<string> Events,
    IReadOnlyList<RuleDefinition> Rules)
{
    /// <summary>Category of alarm points installed in residents' homes: their location is a resident's room.</summary>
    public const string AlarmPointCategory = "alarm_point";

    /// <summary>Items of this kind sit in a resident's home, so their location is personal data.</summary>
    public bool IsInResidence => Category == AlarmPointCategory;
}
