namespace FacilityHub.Grains.Equipment;

/// <summary>A metric's latest reading. A value, not an object: the equipment grain keeps one per metric in place, so a
/// message allocates nothing that the long-lived grain then holds.</summary>
[GenerateSerializer, Immutable, Alias("fh.ReadingView")]
public readonly record struct ReadingView(string Metric, double Value, DateTimeOffset ObservedAt);
