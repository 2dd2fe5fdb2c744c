namespace FacilityHub.Domain.Topology;

public sealed record Building(string Id, string Name, string SiteId, IReadOnlyList<EquipmentItem> Equipment);
