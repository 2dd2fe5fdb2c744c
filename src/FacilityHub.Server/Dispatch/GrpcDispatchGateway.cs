using FacilityHub.Dispatch.V1;
using FacilityHub.Domain.WorkOrders;
using FacilityHub.Grains.WorkOrders;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Grpc.Net.Client;

namespace FacilityHub.Server.Dispatch;

/// <summary>Hands work orders to the dispatch system over <c>dispatch.v1.DispatchService</c>.</summary>
public sealed class GrpcDispatchGateway(GrpcChannel channel) : IDispatchGateway
{
    private readonly DispatchService.DispatchServiceClient _client = new(channel);

    public async Task<string> CreateWorkOrderAsync(WorkOrderDraft d, CancellationToken cancellationToken)
    {
        var request = new CreateWorkOrderRequest
        {
            Order = new WorkOrder
            {
                IdempotencyKey = d.WorkOrderId,
                AlarmId = d.AlarmId,
                SiteId = d.SiteId,
                SiteName = d.SiteName,
                BuildingId = d.BuildingId,
                BuildingName = d.BuildingName,
                Location = d.Location,
                EquipmentId = d.EquipmentId,
                EquipmentName = d.EquipmentName,
                EquipmentKind = d.EquipmentKind,
                FaultCode = d.FaultCode,
                Description = d.Description,
                Priority = ToProto(d.Urgency),
                RaisedAt = Timestamp.FromDateTimeOffset(d.RaisedAt),
            },
        };
        try
        {
            var response = await _client.CreateWorkOrderAsync(request, cancellationToken: cancellationToken);
            return response.DispatchOrderId;
        }
        catch (RpcException e)
        {
            throw new DispatchUnavailableException($"dispatch system at {channel.Target}: {e.StatusCode}: {e.Status.Detail}", e);
        }
    }

    public async Task<bool> UpdateWorkOrderAsync(string workOrderId, DispatchNotice notice, CancellationToken cancellationToken)
    {
        if (notice.Kind == WorkOrderUpdateKind.Cancelled) return await CancelWorkOrderAsync(workOrderId, notice, cancellationToken);
        var request = new UpdateWorkOrderRequest
        {
            UpdateId = notice.Id,
            IdempotencyKey = workOrderId,
            Kind = notice.Kind switch
            {
                WorkOrderUpdateKind.Escalated => UpdateKind.Escalated,
                WorkOrderUpdateKind.FaultCleared => UpdateKind.FaultCleared,
                WorkOrderUpdateKind.Reopened => UpdateKind.Reopened,
                WorkOrderUpdateKind.SlaBreached => UpdateKind.SlaBreached,
                _ => UpdateKind.Unspecified,
            },
            OccurredAt = Timestamp.FromDateTimeOffset(notice.At),
            Priority = notice.Priority is { } p ? ToProto(p) : WorkOrderPriority.Unspecified,
            Note = notice.Note,
        };
        try
        {
            await _client.UpdateWorkOrderAsync(request, cancellationToken: cancellationToken);
            return true;
        }
        catch (RpcException e) when (e.StatusCode == StatusCode.NotFound)
        {
            return false;
        }
        catch (RpcException e)
        {
            throw new DispatchUnavailableException($"dispatch system at {channel.Target}: {e.StatusCode}: {e.Status.Detail}", e);
        }
    }

    private async Task<bool> CancelWorkOrderAsync(string workOrderId, DispatchNotice notice, CancellationToken cancellationToken)
    {
        var request = new CancelWorkOrderRequest
        {
            IdempotencyKey = workOrderId,
            Reason = notice.Note,
            CancelledAt = Timestamp.FromDateTimeOffset(notice.At),
            CancelledBy = notice.Actor ?? "",
        };
        try
        {
            await _client.CancelWorkOrderAsync(request, cancellationToken: cancellationToken);
            return true;
        }
        catch (RpcException e) when (e.StatusCode == StatusCode.NotFound)
        {
            return false;
        }
        catch (RpcException e)
        {
            throw new DispatchUnavailableException($"dispatch system at {channel.Target}: {e.StatusCode}: {e.Status.Detail}", e);
        }
    }

    public static WorkOrderPriority ToProto(WorkOrderUrgency urgency) => urgency switch
    {
        WorkOrderUrgency.Emergency => WorkOrderPriority.Emergency,
        WorkOrderUrgency.Major => WorkOrderPriority.Major,
        WorkOrderUrgency.Normal => WorkOrderPriority.Normal,
        WorkOrderUrgency.Complex => WorkOrderPriority.Complex,
        _ => WorkOrderPriority.Unspecified,
    };
}
