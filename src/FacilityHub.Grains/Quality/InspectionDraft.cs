using FacilityHub.Domain.Inspections;

namespace FacilityHub.Grains.Quality;

/// <summary>A round's result to record, by <see cref="Inspector"/> (the caller).</summary>
[GenerateSerializer, Immutable, Alias("fh.InspectionDraft")]
public sealed record InspectionDraft(string BuildingId, string ChecklistId, InspectionLevel Level, string Inspector, string Responsible, ItemCheckEntry[] Items);
