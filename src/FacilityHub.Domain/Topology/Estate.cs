using System.Diagnostics.CodeAnalysis;

namespace FacilityHub.Domain.Topology;

/// <summary>The loaded topology: every site, building, equipment item and kind, with lookups by id.</summary>
public sealed class Estate
{
    private readonly Dictionary<string, EquipmentItem> _equipment;
    private readonly Dictionary<string, Site> _sites;
    private readonly Dictionary<string, Building> _buildings;

    public Estate(IReadOnlyList<Site> sites, IReadOnlyDictionary<string, EquipmentKind> kinds)
    {
        Sites = sites;
        Kinds = kinds;
        _sites = sites.ToDictionary(s => s.Id, StringComparer.Ordinal);
        _buildings = sites.SelectMany(s => s.Buildings).ToDictionary(b => b.Id, StringComparer.Ordinal);
        _equipment = sites.SelectMany(s => s.Buildings).SelectMany(b => b.Equipment).ToDictionary(e => e.Id, StringComparer.Ordinal);
    }

    public IReadOnlyList<Site> Sites { get; }
    public IReadOnlyDictionary<string, EquipmentKind> Kinds { get; }
    public IEnumerable<EquipmentItem> Equipment => _equipment.Values;

    public bool TryGetEquipment(string id, [NotNullWhen(true)] out EquipmentItem? item) => _equipment.TryGetValue(id, out item);
    public bool TryGetSite(string id, [NotNullWhen(true)] out Site? site) => _sites.TryGetValue(id, out site);
    public bool TryGetBuilding(string id, [NotNullWhen(true)] out Building? building) => _buildings.TryGetValue(id, out building);
}
