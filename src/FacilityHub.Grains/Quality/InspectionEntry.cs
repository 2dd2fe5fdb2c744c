using FacilityHub.Domain.Inspections;

namespace FacilityHub.Grains.Quality;

/// <summary>A recorded round: who inspected, who is responsible for the post, every item's result and the
/// nonconformances its failures raised.</summary>
[GenerateSerializer, Immutable, Alias("fh.InspectionEntry")]
public sealed record InspectionEntry(
    string InspectionId,
    string SiteId,
    string BuildingId,
    string ChecklistId,
    InspectionLevel Level,
    DateTimeOffset InspectedAt,
    string Inspector,
    string Responsible,
    CheckedItemEntry[] Items,
    string[] NonconformanceIds);
