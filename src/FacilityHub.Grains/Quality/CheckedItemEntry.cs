using FacilityHub.Domain.Inspections;

namespace FacilityHub.Grains.Quality;

/// <summary>One checklist item's result in a recorded round.</summary>
[GenerateSerializer, Immutable, Alias("fh.CheckedItemEntry")]
public sealed record CheckedItemEntry(string ItemId, string Text, ItemResult Result, string Note);
