namespace FacilityHub.Grains.Equipment;

/// <summary>Validated readings of one device at one instant, as the ingestion hands them to the grain.</summary>
[GenerateSerializer, Immutable, Alias("fh.TelemetryMessage")]
public sealed record TelemetryMessage(DateTimeOffset Timestamp, MetricSample[] Values);
