using FacilityHub.Domain.Alarms;

namespace FacilityHub.Grains.Alarms;

/// <summary>A stored <see cref="AlarmTransition"/>.</summary>
[GenerateSerializer, Immutable, Alias("fh.AlarmStep")]
public sealed record AlarmStep(AlarmLifecycleState From, AlarmLifecycleState To, DateTimeOffset At, string Cause, string Actor, string Note)
{
    public static AlarmStep Of(AlarmTransition t) => new(t.From, t.To, t.At, t.Cause, t.Actor, t.Note);

    public AlarmTransition ToDomain() => new(From, To, At, Cause, Actor, Note);
}
