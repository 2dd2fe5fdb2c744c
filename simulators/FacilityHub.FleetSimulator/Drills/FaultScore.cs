namespace FacilityHub.FleetSimulator.Drills;

/// <summary>How the hub answered one injected fault. Delays are from the injection; null when it did not happen.
/// <paramref name="AlarmsSince"/>: alarm occurrences of any rule on the device from the injection on.</summary>
public sealed record FaultScore(
    ScenarioFault Fault,
    DateTimeOffset? InjectedAt,
    DrillAlarm? Alarm,
    TimeSpan? DetectionDelay,
    DrillWorkOrder? WorkOrder,
    TimeSpan? DispatchDelay,
    IReadOnlyList<string> Problems,
    int AlarmsSince = 0)
{
    /// <summary>An expected alarm that was not raised (in time); a rule only counted (<c>max_alarms</c>) is not expected.</summary>
    public bool Missed => Fault.Expect is { Alarm: not null, MaxAlarms: null } && Alarm is null;

    public bool Passed => Problems.Count == 0;
}
