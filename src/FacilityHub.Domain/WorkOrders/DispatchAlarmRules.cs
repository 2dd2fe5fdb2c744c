using FacilityHub.Domain.Alarms;
using FacilityHub.Domain.Topology;

namespace FacilityHub.Domain.WorkOrders;

/// <summary>Alarms about work orders rather than readings: any equipment item has them, whatever its kind, so
/// that what happens to an order at the dispatch system reaches the operators' alarm list.</summary>
public static class DispatchAlarmRules
{
    /// <summary>The dispatch system rejected an order on the item: someone must find another way to get it fixed.</summary>
    public static readonly RuleDefinition Rejected = new()
    {
        Id = "dispatch_rejected",
        Kind = RuleKind.Event,
        FaultCode = "work_order_rejected",
        Priority = AlarmPriority.High,
        Description = "Work order rejected by the dispatch system",
    };

    /// <summary>An order on the item missed a time limit (SLA): the operators chase it.</summary>
    public static readonly RuleDefinition SlaBreached = new()
    {
        Id = "sla_breached",
        Kind = RuleKind.Event,
        FaultCode = "work_order_overdue",
        Priority = AlarmPriority.High,
        Description = "Work order past a time limit",
    };

    public static IReadOnlyList<RuleDefinition> All { get; } = [Rejected, SlaBreached];

    /// <summary>The item's rule of that id: its kind's, or one of these.</summary>
    public static RuleDefinition? Find(EquipmentItem item, string ruleId) =>
        item.Kind.Rules.FirstOrDefault(r => r.Id == ruleId) ?? All.FirstOrDefault(r => r.Id == ruleId);
}
