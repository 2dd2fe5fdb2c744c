using FacilityHub.Domain.Telemetry;

namespace FacilityHub.Ingestion.Mqtt;

/// <summary>A payload as read: telemetry values (with those that could not be read listed apart, each with its
/// reason) or an event. <see cref="Timestamp"/> is null when the device sent none, <see cref="Device"/> when the
/// payload does not name its device.</summary>
public sealed record ParsedPayload(
    DateTimeOffset? Timestamp,
    IReadOnlyList<MetricValue> Values,
    IReadOnlyList<(string Metric, RejectReason Reason)> Dropped,
    string? EventName,
    string? Zone,
    string? Device);
