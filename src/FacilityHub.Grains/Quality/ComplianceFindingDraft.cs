namespace FacilityHub.Grains.Quality;

/// <summary>A missed compliance period reported by an equipment grain; <see cref="Key"/> makes a repeat the same finding.</summary>
[GenerateSerializer, Immutable, Alias("fh.ComplianceFindingDraft")]
public sealed record ComplianceFindingDraft(string Key, string EquipmentId, string BuildingId, DateTimeOffset At, string Message);
