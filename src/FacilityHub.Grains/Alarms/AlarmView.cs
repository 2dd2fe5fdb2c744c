using FacilityHub.Domain.Alarms;

namespace FacilityHub.Grains.Alarms;

/// <summary>One alarm occurrence as operators see it.</summary>
[GenerateSerializer, Immutable, Alias("fh.AlarmView")]
public sealed record AlarmView(
    string AlarmId,
    string SiteId,
    string BuildingId,
    string EquipmentId,
    string RuleId,
    string FaultCode,
    AlarmPriority Priority,
    bool Active,
    string Message,
    DateTimeOffset RaisedAt,
    DateTimeOffset? ClearedAt,
    string? WorkOrderId);
