namespace FacilityHub.FleetSimulator.Drills;

/// <summary>
/// What the hub should do about one injected fault: raise the alarm of rule <see cref="Alarm"/> on the
/// device within <see cref="WithinS"/> seconds of the injection; with <see cref="WorkOrder"/> true, have the
/// order at the dispatch system within <see cref="DispatchedWithinS"/> seconds of the injection; with false,
/// raise no order for that alarm; left out, either is fine. <see cref="NoAlarm"/>: no alarm of any rule on the
/// device from the injection on (an intrusion while disarmed, a message fault). <see cref="MaxAlarms"/>: at most
/// that many alarm occurrences on the device from the injection on (of rule <see cref="Alarm"/> when given, else of
/// any rule): a noisy sensor may raise one alarm, never chatter.
/// </summary>
public sealed record FaultExpectation(string? Alarm = null, double WithinS = 10, bool? WorkOrder = null, double? DispatchedWithinS = null,
    bool NoAlarm = false, int? MaxAlarms = null)
{
    /// <summary>Dispatch limit when the file gives none: the alarm's limit plus a few seconds.</summary>
    public double DispatchLimitS => DispatchedWithinS ?? WithinS + 5;
}
