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

    /// <summary>The order's fault cleared (its device reads normal): starts the verification window of a resolved order,
    /// and tells the dispatch system while the order is still its.</summary>
    [Alias("FaultCleared")] Task FaultCleared(DispatchNotice notice);

    /// <summary>The order's fault started again. True when the order takes it: it reopens if it awaited verification, or,
    /// for the same alarm occurrence, simply waits for it to clear again; false when a new order is wanted.</summary>
    [Alias("FaultReturned")] Task<bool> FaultReturned(DateTimeOffset at, string message, bool sameOccurrence);

    /// <summary>Records the follow-up call of a verified order: satisfied closes it, not satisfied reopens it.
    /// Throws <see cref="FacilityHub.Domain.WorkOrders.WorkOrderActionRefusedException"/> when no call is due.</summary>
    [Alias("RecordFollowUp")] Task<WorkOrderView> RecordFollowUp(FollowUpRecord call);

    /// <summary>The operators withdraw the order (also a rejected one, to sign it off): it is cancelled at once and the
    /// cancellation goes to the dispatch system through the outbox. Throws
    /// <see cref="FacilityHub.Domain.WorkOrders.WorkOrderActionRefusedException"/> when it is closed or cancelled already.</summary>
    [Alias("Cancel")] Task<WorkOrderView> Cancel(string actor, string reason);

    /// <summary>Null when no such order exists.</summary>
    [Alias("Get"), AlwaysInterleave] Task<WorkOrderView?> Get();
}
