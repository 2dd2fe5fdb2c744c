namespace FacilityHub.Domain.Topology;

/// <summary>An equipment item or alarm point installed in a building. <see cref="Location"/> may be a
/// resident's room number: personal data, never logged.</summary>
public sealed record EquipmentItem(string Id, string Name, EquipmentKind Kind, string SiteId, string BuildingId, string Location);
