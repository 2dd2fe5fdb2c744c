namespace FacilityHub.Domain.Topology;

/// <summary>A measured quantity of an equipment kind; values outside [Min, Max] are physically impossible.</summary>
public sealed record MetricDefinition(string Name, string Unit, double Min, double Max)
{
    public bool IsPlausible(double value) => double.IsFinite(value) && value >= Min && value <= Max;
}
