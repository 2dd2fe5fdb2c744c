using FacilityHub.Domain.WorkOrders;

namespace FacilityHub.Domain.Maintenance;

/// <summary>The SLA clocks of an internal engineering order, the same <see cref="SlaClocks"/> as a repair's, counted from
/// the booked visit instead of a fault report: accepted when booked, on site within the on-site limit of the visit and
/// by the visit plus its slack (a missed appointment is a breach), done within the resolution limit of the visit.
/// Moving the visit before it is missed moves the clocks with it.</summary>
public static class EngineeringOrderClocks
{
    public static SlaFacts Facts(DateTimeOffset bookedAt, DateTimeOffset visit, DateTimeOffset? startedAt, DateTimeOffset? completedAt) =>
        new(WorkOrderUrgency.Normal, visit, bookedAt, startedAt ?? completedAt, completedAt, completedAt is not null, visit, startedAt ?? completedAt);
}
