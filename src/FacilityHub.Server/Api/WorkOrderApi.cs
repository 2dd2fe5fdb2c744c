using FacilityHub.Api.V1;
using FacilityHub.Domain.Topology;
using FacilityHub.Grains.Alarms;
using FacilityHub.Grains.Sites;
using FacilityHub.Grains.WorkOrders;
using Grpc.Core;

namespace FacilityHub.Server.Api;

public sealed class WorkOrderApi(Estate estate, IGrainFactory grains) : WorkOrderService.WorkOrderServiceBase
{
    public override async Task<ListWorkOrdersResponse> ListWorkOrders(ListWorkOrdersRequest request, ServerCallContext context)
    {
        var sites = Sites.Resolve(estate, request.SiteId);
        string? equipment = request.EquipmentId.Length == 0 ? null : Sites.Equipment(estate, request.EquipmentId).Id;
        var status = ApiMapping.FromProto(request.Status, "status");
        int limit = Requests.PageSize(request.PageSize, 100, 1000);
        int offset = Requests.Offset(request.PageToken);

        var (items, total) = await Sites.MergePagesAsync(
            sites,
            (site, take) => grains.GetGrain<ISiteGrain>(site).ListWorkOrders(new WorkOrderQuery(equipment, status, 0, take)),
            w => w.Draft.RaisedAt, offset, limit);
        var response = new ListWorkOrdersResponse { NextPageToken = Requests.NextToken(offset, items.Count, total) };
        response.WorkOrders.AddRange(items.Select(w => w.ToProto()));
        return response;
    }

    public override async Task<WorkOrder> GetWorkOrder(GetWorkOrderRequest request, ServerCallContext context)
    {
        var view = await Find(estate, grains, request.WorkOrderId, "work_order_id");
        return view.ToProto();
    }

    /// <summary>Work-order ids are alarm occurrence ids; anything else cannot exist (and activates no grain).</summary>
    public static async Task<WorkOrderView> Find(Estate estate, IGrainFactory grains, string id, string field)
    {
        Requests.Required(id, field);
        if (!AlarmKeys.TryParse(id, out string tag, out _)) throw Requests.Invalid(field, "must look like <equipment_id>/<rule_id>/<occurrence>");
        Sites.Equipment(estate, tag[..tag.IndexOf('/')], field);
        return await grains.GetGrain<IWorkOrderGrain>(id).Get() ?? throw Requests.NotFound($"work order '{id}' does not exist");
    }
}
