using FacilityHub.Domain.WorkOrders;

namespace FacilityHub.Grains.Sites;

[GenerateSerializer, Immutable, Alias("fh.WorkOrderQuery")]
public sealed record WorkOrderQuery(string? EquipmentId, WorkOrderStatus? Status, int Offset, int Limit);
