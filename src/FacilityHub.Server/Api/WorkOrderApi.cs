using FacilityHub.Api.V1;
using FacilityHub.Domain.Topology;
using FacilityHub.Grains.Alarms;
using FacilityHub.Grains.Sites;
using FacilityHub.Grains.WorkOrders;
using FacilityHub.Domain.WorkOrders;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;

namespace FacilityHub.Server.Api;

public sealed class WorkOrderApi(Estate estate, IGrainFactory grains, TimeProvider time) : WorkOrderService.WorkOrderServiceBase
{
    private const int MaxRemarkLength = 2000;

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

    public override async Task<ListUnsignedWorkOrdersResponse> ListUnsignedWorkOrders(ListUnsignedWorkOrdersRequest request, ServerCallContext context)
    {
        var orders = await OpenAsync(request.SiteId);
        var now = time.GetUtcNow();
        var response = new ListUnsignedWorkOrdersResponse();
        response.WorkOrders.AddRange(orders.Select(w =>
        {
            var row = new UnsignedWorkOrder { WorkOrder = w.ToProto(), Reason = w.PendingReason ?? "", Overdue = w.ExpectedBy < now };
            if (w.ExpectedBy is { } expected) row.ExpectedCompletion = Timestamp.FromDateTimeOffset(expected);
            return row;
        }));
        return response;
    }

    public override async Task<ListFollowUpsResponse> ListFollowUps(ListFollowUpsRequest request, ServerCallContext context)
    {
        var orders = await OpenAsync(request.SiteId);
        var now = time.GetUtcNow();
        var response = new ListFollowUpsResponse();
        response.FollowUps.AddRange(orders
            .Where(w => WorkOrderLifecycle.AwaitsFollowUp(w.Status) && w.FollowUpDue is not null)
            .OrderBy(w => w.FollowUpDue)
            .Select(w => new FollowUpTask
            {
                WorkOrderId = w.Draft.WorkOrderId,
                SiteId = w.Draft.SiteId,
                BuildingId = w.Draft.BuildingId,
                EquipmentId = w.Draft.EquipmentId,
                FaultCode = w.Draft.FaultCode,
                Description = w.Draft.Description,
                VerifiedAt = Timestamp.FromDateTimeOffset(w.VerifiedAt ?? w.FollowUpDue!.Value),
                Due = Timestamp.FromDateTimeOffset(w.FollowUpDue!.Value),
                Overdue = w.FollowUpDue < now,
            }));
        return response;
    }

    public override async Task<WorkOrder> RecordFollowUp(RecordFollowUpRequest request, ServerCallContext context)
    {
        var order = await Find(estate, grains, request.WorkOrderId, "work_order_id");
        if (request.Remark.Length > MaxRemarkLength) throw Requests.Invalid("remark", $"must be at most {MaxRemarkLength} characters");
        var call = new FollowUpRecord(time.GetUtcNow(), Caller.Of(context).Name, request.Satisfied, request.Remark.Trim());
        var recorded = await grains.GetGrain<IWorkOrderGrain>(order.Draft.WorkOrderId).RecordFollowUp(call);
        return recorded.ToProto();
    }

    public override async Task<WorkOrder> CancelWorkOrder(CancelOrderRequest request, ServerCallContext context)
    {
        var order = await Find(estate, grains, request.WorkOrderId, "work_order_id");
        string reason = Requests.Required(request.Reason, "reason").Trim();
        if (reason.Length > MaxRemarkLength) throw Requests.Invalid("reason", $"must be at most {MaxRemarkLength} characters");
        var cancelled = await grains.GetGrain<IWorkOrderGrain>(order.Draft.WorkOrderId).Cancel(Caller.Of(context).Name, reason);
        return cancelled.ToProto();
    }

    private async Task<IEnumerable<WorkOrderView>> OpenAsync(string siteId)
    {
        var sites = Sites.Resolve(estate, siteId);
        var lists = await Task.WhenAll(sites.Select(s => grains.GetGrain<ISiteGrain>(s.Id).ListOpenWorkOrders()));
        return lists.SelectMany(l => l).OrderBy(w => w.Draft.RaisedAt);
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
