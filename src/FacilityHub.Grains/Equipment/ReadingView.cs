namespace FacilityHub.Grains.Equipment;

[GenerateSerializer, Immutable, Alias("fh.ReadingView")]
/// <summary>A metric's latest reading. A value, not an object: the equipment grain keeps one per metric in place, so a
/// message allocates nothing that the long-lived grain then holds.</summary>
public readonly record struct ReadingView(string Metric, double Value, DateTimeOffset ObservedAt);
