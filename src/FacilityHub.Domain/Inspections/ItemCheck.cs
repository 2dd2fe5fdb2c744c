namespace FacilityHub.Domain.Inspections;

/// <summary>An inspector's finding on one checklist item, with an optional note.</summary>
public sealed record ItemCheck(string ItemId, ItemResult Result, string Note);
