using FacilityHub.Domain.Alarms;

namespace FacilityHub.Grains.Sites;

/// <summary>Filter and page of an alarm list; null filters match everything.</summary>
[GenerateSerializer, Immutable, Alias("fh.AlarmQuery")]
public sealed record AlarmQuery(string? BuildingId, string? EquipmentId, AlarmPriority? Priority, AlarmLifecycleState? State, bool ConditionActiveOnly, int Offset, int Limit);
