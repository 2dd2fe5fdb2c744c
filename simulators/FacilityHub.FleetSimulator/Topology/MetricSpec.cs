namespace FacilityHub.FleetSimulator.Topology;

/// <summary>A metric of a kind as the topology defines it: its physically possible range and unit.</summary>
/// <param name="Name">Metric name, the key in the telemetry payload's <c>values</c>.</param>
/// <param name="Min">Lowest possible value; null when the topology gives none.</param>
/// <param name="Max">Highest possible value; null when the topology gives none.</param>
/// <param name="Unit">Unit as written in the topology (e.g. "bar", "bool"); null when absent.</param>
public sealed record MetricSpec(string Name, double? Min, double? Max, string? Unit)
{
    /// <summary>Whether <paramref name="value"/> lies within the metric's range (a missing bound does not limit).</summary>
    public bool Contains(double value) =>
        double.IsFinite(value) && (Min is not { } min || value >= min) && (Max is not { } max || value <= max);
}
