using FacilityHub.Domain.WorkOrders;

namespace FacilityHub.Domain.Reports;

/// <summary>One step of a work order's record, as far as the report needs it.</summary>
public sealed record WorkOrderStepFact(WorkOrderStatus Status, DateTimeOffset At);
