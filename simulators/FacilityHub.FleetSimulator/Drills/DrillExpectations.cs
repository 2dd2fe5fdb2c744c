namespace FacilityHub.FleetSimulator.Drills;

/// <summary>
/// Expectations over the whole drill. A false alarm is one raised during the run on a simulated device that had no
/// fault injected (a fault expecting <c>no_alarm</c> does not count as one); an <c>offline</c> alarm raised in the first
/// <see cref="OfflineGraceS"/> seconds counts as the device not yet heard from at the start, not as a false alarm.
/// <see cref="RejectedAtLeast"/>: the hub's ingestion rejections during the run, by reason (its
/// <c>GetIngestionStats</c> keys), at least these many. <see cref="NoMessageLost"/>: the hub accepted at least as many
/// messages during the run as the fleet sent good ones (everything but the spoilt copies of message faults).
/// </summary>
public sealed record DrillExpectations(bool NoFalseAlarms = true, bool NoDuplicateWorkOrders = true, double OfflineGraceS = 10, double SettleS = 10,
    IReadOnlyDictionary<string, long>? RejectedAtLeast = null, bool NoMessageLost = false);
