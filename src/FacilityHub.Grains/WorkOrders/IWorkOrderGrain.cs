using Orleans.Concurrency;

namespace FacilityHub.Grains.WorkOrders;

/// <summary>A work order (key: its id, also its idempotency key at the dispatch system), durable, with an outbox:
/// it is stored before it is sent and re-sent until the dispatch system confirms it, across restarts.</summary>
[Alias("fh.IWorkOrderGrain")]
public interface IWorkOrderGrain : IGrainWithStringKey
{
    /// <summary>Stores the order and starts handing it to the dispatch system. A no-op if it exists.</summary>
    [Alias("Raise")] Task Raise(WorkOrderDraft draft);

    /// <summary>Records a progress step; false when this report was recorded before.</summary>
    [Alias("RecordProgress")] Task<bool> RecordProgress(ProgressReport report);

    /// <summary>Queues an update for the dispatch system (delivered in order, after the order itself); false when
    /// this update was taken before or the order is finished.</summary>
    [Alias("Update")] Task<bool> Update(DispatchNotice notice);

    /// <summary>Null when no such order exists.</summary>
    [Alias("Get"), AlwaysInterleave] Task<WorkOrderView?> Get();
}
