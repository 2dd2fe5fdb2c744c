using FacilityHub.Domain.Inspections;

namespace FacilityHub.Grains.Quality;

/// <summary>An inspector's result on one checklist item, as sent.</summary>
[GenerateSerializer, Immutable, Alias("fh.ItemCheckEntry")]
public sealed record ItemCheckEntry(string ItemId, ItemResult Result, string Note);
