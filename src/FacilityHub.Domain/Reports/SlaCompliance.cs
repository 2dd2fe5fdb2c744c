using FacilityHub.Domain.WorkOrders;

namespace FacilityHub.Domain.Reports;

/// <summary>The orders of one urgency class raised in the month: how many kept every time limit (no breach recorded),
/// and the breaches by clock.</summary>
public sealed record SlaCompliance(WorkOrderUrgency Urgency, int Orders, int Met, IReadOnlyDictionary<SlaClock, int> BreachesByClock)
{
    public double? PercentMet => Orders == 0 ? null : 100.0 * Met / Orders;
}
