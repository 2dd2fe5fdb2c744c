namespace FacilityHub.FleetSimulator.Drills;

/// <summary>
/// Expectations over the whole drill. A false alarm is one raised during the run on a simulated device that had no
/// fault injected; an <c>offline</c> alarm raised in the first <see cref="OfflineGraceS"/> seconds counts as the
/// device not yet heard from at the start, not as a false alarm.
/// </summary>
public sealed record DrillExpectations(bool NoFalseAlarms = true, bool NoDuplicateWorkOrders = true, double OfflineGraceS = 10, double SettleS = 10);
