namespace FacilityHub.Grains.WorkOrders;

/// <summary>An alarm the operators must get about an order (rejected, overdue), stored before it is raised;
/// <see cref="Key"/> makes a raise repeated after a crash harmless.</summary>
[GenerateSerializer, Immutable, Alias("fh.PendingAlarm")]
public sealed record PendingAlarm(string RuleId, string Key, DateTimeOffset At, string Message);
