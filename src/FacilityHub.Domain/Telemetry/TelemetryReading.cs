namespace FacilityHub.Domain.Telemetry;

/// <summary>Measured values of one device at one instant.</summary>
public sealed record TelemetryReading(string EquipmentId, DateTimeOffset Timestamp, IReadOnlyList<MetricValue> Values);
