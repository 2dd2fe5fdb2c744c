namespace FacilityHub.Grains.WorkOrders;

/// <summary>The dispatch system, as the work-order grain sees it (gRPC in the hub).</summary>
public interface IDispatchGateway
{
    /// <summary>Hands the order over, idempotently by <see cref="WorkOrderDraft.WorkOrderId"/>; returns the
    /// dispatch system's id for it. Throws when the dispatch system is unreachable or refuses.</summary>
    Task<string> CreateWorkOrderAsync(WorkOrderDraft draft, CancellationToken cancellationToken);
}
