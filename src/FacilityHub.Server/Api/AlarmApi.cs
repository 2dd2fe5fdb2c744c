using FacilityHub.Api.V1;
using FacilityHub.Domain.Topology;
using FacilityHub.Grains.Alarms;
using FacilityHub.Grains.Sites;
using Grpc.Core;

namespace FacilityHub.Server.Api;

public sealed class AlarmApi(Estate estate, IGrainFactory grains) : AlarmService.AlarmServiceBase
{
    public override async Task<ListAlarmsResponse> ListAlarms(ListAlarmsRequest request, ServerCallContext context)
    {
        var sites = Sites.Resolve(estate, request.SiteId);
        string? building = request.BuildingId.Length == 0 ? null : request.BuildingId;
        if (building is not null && !estate.TryGetBuilding(building, out _)) throw Requests.NotFound($"building '{building}' is not in the topology");
        string? equipment = request.EquipmentId.Length == 0 ? null : Sites.Equipment(estate, request.EquipmentId).Id;
        bool? active = request.State switch
        {
            AlarmState.Unspecified => null,
            AlarmState.Active => true,
            AlarmState.Cleared => false,
            _ => throw Requests.Invalid("state", $"unknown state {(int)request.State}"),
        };
        var priority = ApiMapping.FromProto(request.Priority, "priority");
        int limit = Requests.PageSize(request.PageSize, 100, 1000);
        int offset = Requests.Offset(request.PageToken);

        var (items, total) = await Sites.MergePagesAsync(
            sites,
            (site, take) => grains.GetGrain<ISiteGrain>(site).ListAlarms(new AlarmQuery(building, equipment, priority, active, 0, take)),
            a => a.RaisedAt, offset, limit);
        var response = new ListAlarmsResponse { NextPageToken = Requests.NextToken(offset, items.Count, total) };
        response.Alarms.AddRange(items.Select(a => a.ToProto()));
        return response;
    }

    public override async Task<Alarm> GetAlarm(GetAlarmRequest request, ServerCallContext context)
    {
        Requests.Required(request.AlarmId, "alarm_id");
        if (!AlarmKeys.TryParse(request.AlarmId, out string tag, out _)) throw Requests.Invalid("alarm_id", "must look like <equipment_id>/<rule_id>/<occurrence>");
        var item = Sites.Equipment(estate, tag[..tag.IndexOf('/')], "alarm_id");
        var alarm = await grains.GetGrain<ISiteGrain>(item.SiteId).FindAlarm(request.AlarmId);
        return alarm?.ToProto() ?? throw Requests.NotFound($"alarm '{request.AlarmId}' does not exist");
    }
}
