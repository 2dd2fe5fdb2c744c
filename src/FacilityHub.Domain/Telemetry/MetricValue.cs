namespace FacilityHub.Domain.Telemetry;

public readonly record struct MetricValue(string Metric, double Value);
