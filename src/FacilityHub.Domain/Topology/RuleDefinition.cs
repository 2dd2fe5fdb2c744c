using FacilityHub.Domain.Alarms;

namespace FacilityHub.Domain.Topology;

/// <summary>
/// One alarm rule of an equipment kind, as configured in the topology file.
/// Threshold: active while <see cref="Metric"/> is above <see cref="Above"/> or below <see cref="Below"/>,
/// cleared once it is back past <see cref="ClearAt"/> (hysteresis; defaults to the limit itself), and only
/// evaluated while <see cref="OnlyWhenMetric"/> equals <see cref="OnlyWhenEquals"/> when that is set.
/// Event: active on <see cref="Event"/> (optionally only for the listed <see cref="Zones"/>), cleared by
/// <see cref="ClearEvent"/>.
/// </summary>
public sealed record RuleDefinition
{
    public required string Id { get; init; }
    public required RuleKind Kind { get; init; }
    public required string FaultCode { get; init; }
    public required AlarmPriority Priority { get; init; }
    public bool RaisesWorkOrder { get; init; }
    public string Description { get; init; } = "";

    public string? Metric { get; init; }
    public double? Above { get; init; }
    public double? Below { get; init; }
    public double? ClearAt { get; init; }
    public string? OnlyWhenMetric { get; init; }
    public double? OnlyWhenEquals { get; init; }

    public string? Event { get; init; }
    public IReadOnlyList<string> Zones { get; init; } = [];
    public string? ClearEvent { get; init; }
}
