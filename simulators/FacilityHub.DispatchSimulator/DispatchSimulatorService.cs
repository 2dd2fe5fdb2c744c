using System.Globalization;
using FacilityHub.Dispatch.V1;
using Grpc.Core;

namespace FacilityHub.DispatchSimulator;

/// <summary>The simulated dispatch system's gRPC surface (<c>dispatch.v1.DispatchService</c>).</summary>
public sealed class DispatchSimulatorService(WorkOrderStore store, ProgressReporter progress, Outage outage, SimulatorConsole console)
    : DispatchService.DispatchServiceBase
{
    /// <summary>Page size when the request gives none.</summary>
    public const int DefaultPageSize = 100;

    /// <summary>Largest page served; larger requests are cut down to this.</summary>
    public const int MaxPageSize = 1000;

    public override async Task<CreateWorkOrderResponse> CreateWorkOrder(CreateWorkOrderRequest request, ServerCallContext context)
    {
        outage.ThrowIfDown();
        if (request.Order is null)
        {
            throw new RpcException(new Status(StatusCode.InvalidArgument, "order is required"));
        }

        if (string.IsNullOrWhiteSpace(request.Order.IdempotencyKey))
        {
            throw new RpcException(new Status(StatusCode.InvalidArgument, "order.idempotency_key is required"));
        }

        var outcome = store.Create(request.Order);
        var id = outcome.Order.DispatchOrderId;
        var key = SimulatorConsole.Safe(request.Order.IdempotencyKey);
        if (outcome.Created)
        {
            var order = request.Order;
            // Never location, names or description: a home alarm's location is a resident's room.
            console.Line(string.Create(CultureInfo.InvariantCulture,
                $"RECEIVED {id} {PriorityName(order.Priority)} {SimulatorConsole.Safe(order.FaultCode)} at " +
                $"{SimulatorConsole.Safe(order.SiteId)}/{SimulatorConsole.Safe(order.BuildingId)}/{SimulatorConsole.Safe(order.EquipmentId)} key={key}"));

            // In the background, never awaited here: the hub waits for this answer before it can
            // take a progress report, so reporting inside the call would deadlock it.
            progress.Walk(outcome.Order);
        }
        else
        {
            console.Line(string.Create(CultureInfo.InvariantCulture,
                $"duplicate create for key={key} ({outcome.Order.CreateCalls} calls) -> {id}"));
        }

        await outage.BeforeAnswerAsync(context.CancellationToken).ConfigureAwait(false);
        return new CreateWorkOrderResponse { DispatchOrderId = id, Created = outcome.Created };
    }

    public override async Task<CancelWorkOrderResponse> CancelWorkOrder(CancelWorkOrderRequest request, ServerCallContext context)
    {
        outage.ThrowIfDown();
        var key = RequiredKey(request.IdempotencyKey);
        var cancelled = store.Cancel(request) ?? throw NoOrder(key);
        if (cancelled)
        {
            progress.StopWalk(request.IdempotencyKey);
        }

        console.Line($"{(cancelled ? "CANCELLED" : "repeated cancel for")} key={key}");
        await outage.BeforeAnswerAsync(context.CancellationToken).ConfigureAwait(false);
        return new CancelWorkOrderResponse { Cancelled = cancelled };
    }

    public override async Task<UpdateWorkOrderResponse> UpdateWorkOrder(UpdateWorkOrderRequest request, ServerCallContext context)
    {
        outage.ThrowIfDown();
        var key = RequiredKey(request.IdempotencyKey);
        if (string.IsNullOrWhiteSpace(request.UpdateId))
        {
            throw new RpcException(new Status(StatusCode.InvalidArgument, "update_id is required"));
        }

        if (request.Kind == UpdateKind.Unspecified)
        {
            throw new RpcException(new Status(StatusCode.InvalidArgument, "kind must not be UNSPECIFIED"));
        }

        var applied = store.Update(request) ?? throw NoOrder(key);
        // The kind only: the note is free text from the hub.
        console.Line($"{(applied ? "UPDATE" : "repeated update")} {request.Kind} key={key} id={SimulatorConsole.Safe(request.UpdateId)}");
        await outage.BeforeAnswerAsync(context.CancellationToken).ConfigureAwait(false);
        return new UpdateWorkOrderResponse { Applied = applied };
    }

    private static string RequiredKey(string key) => string.IsNullOrWhiteSpace(key)
        ? throw new RpcException(new Status(StatusCode.InvalidArgument, "idempotency_key is required"))
        : SimulatorConsole.Safe(key);

    private static RpcException NoOrder(string key) => new(new Status(StatusCode.NotFound, $"no order with key {key}"));

    public override Task<ListWorkOrdersResponse> ListWorkOrders(ListWorkOrdersRequest request, ServerCallContext context)
    {
        if (request.PageSize < 0)
        {
            throw new RpcException(new Status(StatusCode.InvalidArgument, "page_size must not be negative"));
        }

        var pageSize = request.PageSize == 0 ? DefaultPageSize : Math.Min(request.PageSize, MaxPageSize);
        var offset = 0;
        if (request.PageToken.Length > 0
            && !int.TryParse(request.PageToken, NumberStyles.None, CultureInfo.InvariantCulture, out offset))
        {
            throw new RpcException(new Status(StatusCode.InvalidArgument, "page_token is not a token this server handed out"));
        }

        var (orders, total) = store.Page(offset, pageSize);
        // Orders are never removed, so a token handed out earlier is never beyond the end.
        if (offset > total)
        {
            throw new RpcException(new Status(StatusCode.InvalidArgument, "page_token is not a token this server handed out"));
        }

        var response = new ListWorkOrdersResponse();
        response.Orders.Add(orders);
        var next = offset + orders.Count;
        if (next < total)
        {
            // The token is an offset: opaque to callers, and stable because orders only get appended.
            response.NextPageToken = next.ToString(CultureInfo.InvariantCulture);
        }

        return Task.FromResult(response);
    }

    private static string PriorityName(WorkOrderPriority priority) => priority switch
    {
        WorkOrderPriority.Emergency => "emergency",
        WorkOrderPriority.Major => "major",
        WorkOrderPriority.Normal => "normal",
        WorkOrderPriority.Complex => "complex",
        _ => "unspecified",
    };
}
