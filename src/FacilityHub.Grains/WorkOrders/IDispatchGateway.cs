namespace FacilityHub.Grains.WorkOrders;

/// <summary>The dispatch system, as the work-order grain sees it (gRPC in the hub). Every call throws
/// <see cref="DispatchUnavailableException"/> when the dispatch system is unreachable or refuses.</summary>
public interface IDispatchGateway
{
    /// <summary>Hands the order over, idempotently by <see cref="WorkOrderDraft.WorkOrderId"/>; returns the
    /// dispatch system's id for it.</summary>
    Task<string> CreateWorkOrderAsync(WorkOrderDraft draft, CancellationToken cancellationToken);

    /// <summary>Tells the dispatch system about a change, idempotently by <see cref="DispatchNotice.Id"/>; false when it
    /// has no such order (nothing to tell).</summary>
    Task<bool> UpdateWorkOrderAsync(string workOrderId, DispatchNotice notice, CancellationToken cancellationToken);
}
