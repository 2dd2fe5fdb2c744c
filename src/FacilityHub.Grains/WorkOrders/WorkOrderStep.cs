using FacilityHub.Domain.WorkOrders;

namespace FacilityHub.Grains.WorkOrders;

[GenerateSerializer, Immutable, Alias("fh.WorkOrderStep")]
public sealed record WorkOrderStep(WorkOrderStatus Status, DateTimeOffset At, string Actor, string Note);
