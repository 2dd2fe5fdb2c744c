using FacilityHub.Domain.WorkOrders;

namespace FacilityHub.Domain.Reports;

/// <summary>A work order of the site: when the fault raised it (<see cref="RaisedAt"/>), its steps, its current status
/// and the time limits it missed.</summary>
public sealed record WorkOrderFact(
    string WorkOrderId,
    string EquipmentId,
    WorkOrderUrgency Urgency,
    DateTimeOffset RaisedAt,
    WorkOrderStatus Status,
    IReadOnlyList<WorkOrderStepFact> Steps,
    IReadOnlyList<SlaClock> Breaches)
{
    /// <summary>First acceptance by the dispatch system: someone responded.</summary>
    public DateTimeOffset? AcceptedAt => First(WorkOrderStatus.Accepted);

    /// <summary>First time staff reported being on site.</summary>
    public DateTimeOffset? OnSiteAt => First(WorkOrderStatus.OnSite);

    /// <summary>The fix that stood: the last "resolved" report of an order that has not been reopened since (resolved,
    /// verified, followed up or closed); null while the order is still being worked on, or was cancelled.</summary>
    public DateTimeOffset? RepairedAt =>
        Status is WorkOrderStatus.Resolved or WorkOrderStatus.Verified or WorkOrderStatus.FollowedUp or WorkOrderStatus.Closed
            ? Steps.LastOrDefault(s => s.Status == WorkOrderStatus.Resolved)?.At
            : null;

    private DateTimeOffset? First(WorkOrderStatus status) => Steps.FirstOrDefault(s => s.Status == status)?.At;
}
