using FacilityHub.Domain.Topology;

namespace FacilityHub.Server.Api;

/// <summary>Topology look-ups for requests: an unknown id is NOT_FOUND, a malformed one INVALID_ARGUMENT.</summary>
public static class Sites
{
    public static IReadOnlyList<Site> Resolve(Estate estate, string siteId, string field = "site_id")
    {
        if (siteId.Length == 0) return estate.Sites;
        if (!TopologyLoader.IdPattern().IsMatch(siteId)) throw Requests.Invalid(field, "is not a valid id");
        return estate.TryGetSite(siteId, out var site) ? [site] : throw Requests.NotFound($"site '{siteId}' is not in the topology");
    }

    public static EquipmentItem Equipment(Estate estate, string equipmentId, string field = "equipment_id")
    {
        Requests.Required(equipmentId, field);
        if (!TopologyLoader.IdPattern().IsMatch(equipmentId)) throw Requests.Invalid(field, "is not a valid id");
        return estate.TryGetEquipment(equipmentId, out var item) ? item : throw Requests.NotFound($"equipment '{equipmentId}' is not in the topology");
    }

    /// <summary>A page over several sites' lists (each newest first): the merged list, sliced.</summary>
    public static async Task<(List<T> Items, int Total)> MergePagesAsync<T, TKey>(
        IEnumerable<Site> sites, Func<string, int, Task<FacilityHub.Grains.Sites.Page<T>>> fetch, Func<T, TKey> newestFirst, int offset, int limit)
    {
        var pages = await Task.WhenAll(sites.Select(s => fetch(s.Id, offset + limit)));
        var merged = pages.SelectMany(p => p.Items).OrderByDescending(newestFirst).Skip(offset).Take(limit).ToList();
        return (merged, pages.Sum(p => p.Total));
    }
}
