namespace FacilityHub.FleetSimulator.Drills;

/// <summary>How the hub answered one injected fault. Delays are from the injection; null when it did not happen.</summary>
public sealed record FaultScore(
    ScenarioFault Fault,
    DateTimeOffset? InjectedAt,
    DrillAlarm? Alarm,
    TimeSpan? DetectionDelay,
    DrillWorkOrder? WorkOrder,
    TimeSpan? DispatchDelay,
    IReadOnlyList<string> Problems)
{
    /// <summary>An expected alarm that was not raised (in time).</summary>
    public bool Missed => Fault.Expect?.Alarm is not null && Alarm is null;

    public bool Passed => Problems.Count == 0;
}
