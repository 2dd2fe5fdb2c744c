using FacilityHub.Domain.WorkOrders;

namespace FacilityHub.Grains.WorkOrders;

/// <summary>What the hub tells the dispatch system about an order. <see cref="Location"/> may be a
/// resident's room: it goes to the dispatch system (the crew needs it) but never into logs.</summary>
[GenerateSerializer, Immutable, Alias("fh.WorkOrderDraft")]
public sealed record WorkOrderDraft(
    string WorkOrderId,
    string AlarmId,
    string SiteId,
    string SiteName,
    string BuildingId,
    string BuildingName,
    string Location,
    string EquipmentId,
    string EquipmentName,
    string EquipmentKind,
    string FaultCode,
    string Description,
    WorkOrderUrgency Urgency,
    DateTimeOffset RaisedAt);
