using FacilityHub.Domain.Inspections;

namespace FacilityHub.Grains.Quality;

/// <summary>The next round a post needs at a level.</summary>
[GenerateSerializer, Immutable, Alias("fh.DueRoundView")]
public sealed record DueRoundView(string SiteId, string BuildingId, string ChecklistId, string ChecklistName, InspectionLevel Level, DateTimeOffset DueAt, DateTimeOffset? LastDoneAt, bool Overdue);
