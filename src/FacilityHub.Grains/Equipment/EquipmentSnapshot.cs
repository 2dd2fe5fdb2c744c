namespace FacilityHub.Grains.Equipment;

/// <summary>An item's current state: latest value per metric and what it last said.</summary>
[GenerateSerializer, Immutable, Alias("fh.EquipmentSnapshot")]
public sealed record EquipmentSnapshot(string EquipmentId, ReadingView[] Readings, DateTimeOffset? LastSeen, string? LastEvent);
