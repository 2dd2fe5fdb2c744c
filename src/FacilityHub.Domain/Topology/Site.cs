namespace FacilityHub.Domain.Topology;

public sealed record Site(string Id, string Name, IReadOnlyList<Building> Buildings);
