namespace FacilityHub.Grains.Equipment;

[GenerateSerializer, Immutable, Alias("fh.ReadingView")]
public sealed record ReadingView(string Metric, double Value, DateTimeOffset ObservedAt);
