namespace FacilityHub.Grains.Equipment;

[GenerateSerializer, Immutable, Alias("fh.MetricSample")]
public readonly record struct MetricSample(string Metric, double Value);
