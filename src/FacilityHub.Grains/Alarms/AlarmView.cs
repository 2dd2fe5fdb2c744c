using FacilityHub.Domain.Alarms;

namespace FacilityHub.Grains.Alarms;

/// <summary>One alarm occurrence as operators see it in lists (its history comes from the alarm grain).</summary>
[GenerateSerializer, Immutable, Alias("fh.AlarmView")]
public sealed record AlarmView(
    string AlarmId,
    string SiteId,
    string BuildingId,
    string EquipmentId,
    string RuleId,
    string FaultCode,
    AlarmPriority Priority,
    bool ConditionActive,
    string Message,
    DateTimeOffset RaisedAt,
    DateTimeOffset? ClearedAt,
    string? WorkOrderId,
    AlarmLifecycleState State,
    DateTimeOffset? ShelvedUntil);
