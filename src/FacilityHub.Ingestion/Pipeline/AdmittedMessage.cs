using FacilityHub.Domain.Telemetry;
using FacilityHub.Domain.Topology;
using FacilityHub.Ingestion.Mqtt;

namespace FacilityHub.Ingestion.Pipeline;

/// <summary>A message that passed every check: its item, its time, and its plausible values (telemetry) or its
/// event (<see cref="EventName"/>, <see cref="Zone"/>).</summary>
public sealed record AdmittedMessage(
    EquipmentItem Item,
    MessageKind Kind,
    DateTimeOffset At,
    IReadOnlyList<MetricValue> Values,
    string? EventName,
    string? Zone);
