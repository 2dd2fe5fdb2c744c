namespace FacilityHub.Grains.Equipment;

/// <summary>A validated discrete event of one device.</summary>
[GenerateSerializer, Immutable, Alias("fh.EventMessage")]
public sealed record EventMessage(DateTimeOffset Timestamp, string Name, string? Zone);
