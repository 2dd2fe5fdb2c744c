using System.Diagnostics.CodeAnalysis;

namespace FacilityHub.Domain.Topology;

/// <summary>The loaded topology: every site, building, equipment item and kind, with lookups by id; and, apart from
/// the items, the residents of the homes with alarm points (personal data: only <see cref="TryGetResident"/> gives it).</summary>
public sealed class Estate
{
    private readonly Dictionary<string, EquipmentItem> _equipment;
    private readonly Dictionary<string, EquipmentItem>.AlternateLookup<ReadOnlySpan<char>> _equipmentBySpan;
    private readonly Dictionary<string, Site> _sites;
    private readonly Dictionary<string, Building> _buildings;
    private readonly IReadOnlyDictionary<string, ResidentContact> _residents;

    public Estate(IReadOnlyList<Site> sites, IReadOnlyDictionary<string, EquipmentKind> kinds, IReadOnlyDictionary<string, ResidentContact>? residents = null)
    {
        Sites = sites;
        Kinds = kinds;
        _sites = sites.ToDictionary(s => s.Id, StringComparer.Ordinal);
        _buildings = sites.SelectMany(s => s.Buildings).ToDictionary(b => b.Id, StringComparer.Ordinal);
        _equipment = sites.SelectMany(s => s.Buildings).SelectMany(b => b.Equipment).ToDictionary(e => e.Id, StringComparer.Ordinal);
        _equipmentBySpan = _equipment.GetAlternateLookup<ReadOnlySpan<char>>();
        _residents = residents ?? new Dictionary<string, ResidentContact>(StringComparer.Ordinal);
    }

    public IReadOnlyList<Site> Sites { get; }
    public IReadOnlyDictionary<string, EquipmentKind> Kinds { get; }
    public IEnumerable<EquipmentItem> Equipment => _equipment.Values;

    public bool TryGetEquipment(string id, [NotNullWhen(true)] out EquipmentItem? item) => _equipment.TryGetValue(id, out item);

    /// <summary>The same lookup for an id still inside its MQTT topic: no string per message.</summary>
    public bool TryGetEquipment(ReadOnlySpan<char> id, [NotNullWhen(true)] out EquipmentItem? item) => _equipmentBySpan.TryGetValue(id, out item);
    /// <summary>The resident of the home where alarm point <paramref name="equipmentId"/> is installed, if recorded.</summary>
    public bool TryGetResident(string equipmentId, [NotNullWhen(true)] out ResidentContact? resident) => _residents.TryGetValue(equipmentId, out resident);

    public bool TryGetSite(string id, [NotNullWhen(true)] out Site? site) => _sites.TryGetValue(id, out site);
    public bool TryGetBuilding(string id, [NotNullWhen(true)] out Building? building) => _buildings.TryGetValue(id, out building);
}
