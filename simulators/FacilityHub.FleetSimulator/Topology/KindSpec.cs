namespace FacilityHub.FleetSimulator.Topology;

/// <summary>An equipment kind: the metrics its devices report (in topology order) and the events they may send.</summary>
public sealed record KindSpec(string Name, IReadOnlyList<MetricSpec> Metrics, IReadOnlyList<string> Events)
{
    /// <summary>The metric called <paramref name="name"/>, or null.</summary>
    public MetricSpec? Metric(string name) => Metrics.FirstOrDefault(m => m.Name == name);

    /// <summary>Whether the kind lists <paramref name="name"/> among its events.</summary>
    public bool HasEvent(string name) => Events.Contains(name, StringComparer.Ordinal);
}
