using FacilityHub.Domain.Telemetry;

namespace FacilityHub.Ingestion.Mqtt;

/// <summary>A payload as read: telemetry values (with those that were not numbers listed apart) or an event.
/// <see cref="Timestamp"/> is null when the device sent none.</summary>
public sealed record ParsedPayload(
    DateTimeOffset? Timestamp,
    IReadOnlyList<MetricValue> Values,
    IReadOnlyList<string> NotNumbers,
    string? EventName,
    string? Zone);
