namespace FacilityHub.Grains.Maintenance;

/// <summary>One item's maintenance window as staff see it; <see cref="EndedAt"/> is set once it is over.</summary>
[GenerateSerializer, Immutable, Alias("fh.MaintenanceView")]
public sealed record MaintenanceView(
    string EquipmentId,
    string SiteId,
    string BuildingId,
    DateTimeOffset StartedAt,
    DateTimeOffset EndsAt,
    string StartedBy,
    string Reason,
    DateTimeOffset? EndedAt = null,
    string? EndedBy = null,
    string? EndNote = null);
