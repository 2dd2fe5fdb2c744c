using FacilityHub.Api.V1;
using FacilityHub.Domain.Topology;
using FacilityHub.Grains.Equipment;
using FacilityHub.Grains.Sites;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;

namespace FacilityHub.Server.Api;

/// <summary>The estate and the items' latest state. Home alarm points' locations (residents' rooms) only go to
/// the roles in <see cref="FacilityHub.Auth.ApiAccess.ResidentLocationReaders"/>; residents' contact details only through
/// <see cref="GetResidentContact"/>, which the access table keeps for customer service.</summary>
public sealed class AssetApi(Estate estate, IGrainFactory grains) : AssetService.AssetServiceBase
{
    public override Task<GetAssetTreeResponse> GetAssetTree(GetAssetTreeRequest request, ServerCallContext context)
    {
        var caller = Caller.Of(context);
        var response = new GetAssetTreeResponse();
        foreach (var site in Sites.Resolve(estate, request.SiteId))
        {
            var s = new FacilityHub.Api.V1.Site { SiteId = site.Id, Name = site.Name };
            foreach (var b in site.Buildings)
            {
                var building = new FacilityHub.Api.V1.Building { BuildingId = b.Id, Name = b.Name };
                building.Equipment.AddRange(b.Equipment.Select(e => new EquipmentSummary { EquipmentId = e.Id, Name = e.Name, Kind = e.Kind.Name, Location = LocationFor(caller, e) }));
                s.Buildings.Add(building);
            }
            response.Sites.Add(s);
        }
        return Task.FromResult(response);
    }

    public override async Task<Equipment> GetEquipment(GetEquipmentRequest request, ServerCallContext context)
    {
        var item = Sites.Equipment(estate, request.EquipmentId);
        var snapshot = await grains.GetGrain<IEquipmentGrain>(item.Id).GetSnapshot();
        var active = await grains.GetGrain<ISiteGrain>(item.SiteId).ListAlarms(new AlarmQuery(null, item.Id, null, null, ConditionActiveOnly: true, 0, 0));
        var equipment = new Equipment
        {
            EquipmentId = item.Id,
            Name = item.Name,
            Kind = item.Kind.Name,
            SiteId = item.SiteId,
            BuildingId = item.BuildingId,
            Location = LocationFor(Caller.Of(context), item),
            LastEvent = snapshot.LastEvent ?? "",
            ActiveAlarms = active.Total,
        };
        if (snapshot.LastSeen is { } seen) equipment.LastSeen = Timestamp.FromDateTimeOffset(seen);
        equipment.Readings.AddRange(snapshot.Readings.Select(r => new Reading
        {
            Metric = r.Metric,
            Value = r.Value,
            Unit = item.Kind.Metrics.TryGetValue(r.Metric, out var m) ? m.Unit : "",
            ObservedAt = Timestamp.FromDateTimeOffset(r.ObservedAt),
        }));
        return equipment;
    }

    /// <summary>Customer service only (the access table decides before this runs); the contact never goes to the log.</summary>
    public override Task<FacilityHub.Api.V1.ResidentContact> GetResidentContact(GetResidentContactRequest request, ServerCallContext context)
    {
        var item = Sites.Equipment(estate, request.EquipmentId);
        return estate.TryGetResident(item.Id, out var resident)
            ? Task.FromResult(new FacilityHub.Api.V1.ResidentContact { EquipmentId = item.Id, Name = resident.Name, Phone = resident.Phone })
            : throw Requests.NotFound($"no resident contact is on record for '{item.Id}'");
    }

    /// <summary>An alarm point's location is a resident's room: blank for the roles that do not need it.</summary>
    private static string LocationFor(Caller caller, EquipmentItem item) =>
        item.Kind.IsInResidence && !caller.SeesResidentLocations ? "" : item.Location;
}
