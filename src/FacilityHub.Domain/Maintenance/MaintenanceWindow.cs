namespace FacilityHub.Domain.Maintenance;

/// <summary>An equipment item under maintenance from <see cref="StartedAt"/> until <see cref="EndsAt"/>: its own
/// alarms are suppressed by design meanwhile, and come back by themselves at the end.</summary>
public sealed record MaintenanceWindow(string EquipmentId, DateTimeOffset StartedAt, DateTimeOffset EndsAt, string StartedBy, string Reason)
{
    /// <summary>Longest window one start may open (the same bound as an operator's shelf).</summary>
    public static readonly TimeSpan MaxDuration = TimeSpan.FromDays(7);

    public static MaintenanceWindow Open(string equipmentId, DateTimeOffset at, TimeSpan duration, string actor, string reason)
    {
        if (duration <= TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(duration), "a maintenance window must be positive");
        if (duration > MaxDuration) throw new ArgumentOutOfRangeException(nameof(duration), $"a maintenance window lasts at most {MaxDuration.TotalDays:0} days");
        if (string.IsNullOrWhiteSpace(reason)) throw new ArgumentException("maintenance needs a reason", nameof(reason));
        return new MaintenanceWindow(equipmentId, at, at + duration, actor, reason);
    }

    public bool IsOverAt(DateTimeOffset now) => now >= EndsAt;
}
