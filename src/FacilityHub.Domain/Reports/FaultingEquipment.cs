namespace FacilityHub.Domain.Reports;

/// <summary>An item's faults in the month: alarm occurrences raised and work orders raised.</summary>
public sealed record FaultingEquipment(string EquipmentId, int AlarmActivations, int WorkOrders);
