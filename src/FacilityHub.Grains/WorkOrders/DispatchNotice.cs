using FacilityHub.Domain.WorkOrders;

namespace FacilityHub.Grains.WorkOrders;

/// <summary>An update about an order, waiting in its outbox for the dispatch system; <see cref="Id"/> makes a repeat
/// harmless there. <see cref="Priority"/> is the order's new urgency class, if it changes; <see cref="Actor"/> who
/// caused it, when that is a person (a cancellation).</summary>
[GenerateSerializer, Immutable, Alias("fh.DispatchNotice")]
public sealed record DispatchNotice(string Id, WorkOrderUpdateKind Kind, DateTimeOffset At, string Note, WorkOrderUrgency? Priority = null, string? Actor = null);
