using FacilityHub.Api.V1;
using FacilityHub.Domain.Topology;
using FacilityHub.Grains.Maintenance;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;

namespace FacilityHub.Server.Api;

/// <summary>Equipment under maintenance, whose own alarms are suppressed by design for the window. The actor on
/// record is the caller's authenticated name.</summary>
public sealed class MaintenanceApi(Estate estate, IGrainFactory grains) : MaintenanceService.MaintenanceServiceBase
{
    private const int MaxTextLength = 2000;

    public override async Task<MaintenanceWindow> StartMaintenance(StartMaintenanceRequest request, ServerCallContext context)
    {
        var item = Sites.Equipment(estate, request.EquipmentId);
        if (request.Duration is null) throw Requests.Invalid("duration", "is required");
        var duration = request.Duration.ToTimeSpan();
        if (duration <= TimeSpan.Zero) throw Requests.Invalid("duration", "must be positive");
        if (duration > Domain.Maintenance.MaintenanceWindow.MaxDuration) throw Requests.Invalid("duration", $"must be at most {Domain.Maintenance.MaintenanceWindow.MaxDuration.TotalDays:0} days");
        Requests.Required(request.Reason, "reason");
        if (request.Reason.Length > MaxTextLength) throw Requests.Invalid("reason", $"must be at most {MaxTextLength} characters");
        var window = await grains.GetGrain<IMaintenanceGrain>(item.Id).Start(new MaintenanceStart(duration, Caller.Of(context).Name, request.Reason));
        return ToProto(window);
    }

    public override async Task<MaintenanceWindow> EndMaintenance(EndMaintenanceRequest request, ServerCallContext context)
    {
        var item = Sites.Equipment(estate, request.EquipmentId);
        if (request.Note.Length > MaxTextLength) throw Requests.Invalid("note", $"must be at most {MaxTextLength} characters");
        var window = await grains.GetGrain<IMaintenanceGrain>(item.Id).End(Caller.Of(context).Name, request.Note)
            ?? throw new RpcException(new Status(StatusCode.FailedPrecondition, $"equipment '{item.Id}' is not under maintenance"));
        return ToProto(window);
    }

    public override async Task<ListMaintenanceResponse> ListMaintenance(ListMaintenanceRequest request, ServerCallContext context)
    {
        var sites = Sites.Resolve(estate, request.SiteId);
        var boards = await Task.WhenAll(sites.Select(s => grains.GetGrain<IMaintenanceBoardGrain>(s.Id).List()));
        var response = new ListMaintenanceResponse();
        response.Windows.AddRange(boards.SelectMany(b => b).OrderBy(w => w.EndsAt).Select(ToProto));
        return response;
    }

    private static MaintenanceWindow ToProto(MaintenanceView w)
    {
        var proto = new MaintenanceWindow
        {
            EquipmentId = w.EquipmentId,
            SiteId = w.SiteId,
            BuildingId = w.BuildingId,
            StartedAt = Timestamp.FromDateTimeOffset(w.StartedAt),
            EndsAt = Timestamp.FromDateTimeOffset(w.EndsAt),
            StartedBy = w.StartedBy,
            Reason = w.Reason,
            EndedBy = w.EndedBy ?? "",
            EndNote = w.EndNote ?? "",
        };
        if (w.EndedAt is { } ended) proto.EndedAt = Timestamp.FromDateTimeOffset(ended);
        return proto;
    }
}
