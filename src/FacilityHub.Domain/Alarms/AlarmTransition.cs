namespace FacilityHub.Domain.Alarms;

/// <summary>One step of an alarm's record: what changed, when, why and who did it ("system" for the rules).</summary>
public sealed record AlarmTransition(
    AlarmLifecycleState From,
    AlarmLifecycleState To,
    DateTimeOffset At,
    string Cause,
    string Actor,
    string Note);
