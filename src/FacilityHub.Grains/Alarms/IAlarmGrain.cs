using Orleans.Concurrency;

namespace FacilityHub.Grains.Alarms;

/// <summary>The alarm of one rule on one equipment item (key <see cref="AlarmKeys.Tag"/>): its ISA-18.2
/// lifecycle, durable. Operator actions throw <see cref="Domain.Alarms.AlarmActionRefusedException"/> when the
/// state does not allow them.</summary>
[Alias("fh.IAlarmGrain")]
public interface IAlarmGrain : IGrainWithStringKey
{
    /// <summary>The rule's condition holds. A no-op while it already does. <paramref name="neverStored"/>: the caller
    /// knows that nothing of this alarm was ever stored (the item's record of its alarms), so the first raise need
    /// not read it first.</summary>
    [Alias("Raise")] Task Raise(DateTimeOffset at, string message, bool neverStored);

    /// <summary>The condition cleared. A no-op while it does not hold.</summary>
    [Alias("Clear")] Task Clear(DateTimeOffset at, string message);

    /// <summary>Something happened that the operators must see once, e.g. a rejected work order: the alarm is raised
    /// and its condition ends at once, so it waits, unacknowledged, in the list. Idempotent by <paramref name="key"/>;
    /// a notice while the last one is still unacknowledged returns that occurrence to active with the new message.</summary>
    [Alias("Notify")] Task Notify(string key, DateTimeOffset at, string message);

    [Alias("Acknowledge")] Task<AlarmView> Acknowledge(AlarmAction action);
    [Alias("Shelve")] Task<AlarmView> Shelve(AlarmAction action, TimeSpan duration);
    [Alias("Unshelve")] Task<AlarmView> Unshelve(AlarmAction action);
    [Alias("Comment")] Task<AlarmView> Comment(AlarmAction action);
    [Alias("RemoveFromService")] Task<AlarmView> RemoveFromService(AlarmAction action);
    [Alias("ReturnToService")] Task<AlarmView> ReturnToService(AlarmAction action);

    /// <summary>Suppressed by design (the item is under maintenance), whatever its state, even one that never started:
    /// conditions are recorded, not annunciated, and raise no work orders. A no-op while suppressed or out of service.</summary>
    [Alias("Suppress")] Task Suppress(string actor, string reason);

    /// <summary>Ends a suppression by design: a condition that held all through is the same occurrence again; one
    /// that started meanwhile annunciates as a new occurrence (and raises its work order). A no-op unless suppressed.</summary>
    [Alias("Restore")] Task Restore(string actor, string note);

    /// <summary>The current (or last) occurrence; null if the alarm never started.</summary>
    [Alias("GetCurrent"), AlwaysInterleave] Task<AlarmView?> GetCurrent();

    /// <summary>Every transition kept, oldest first.</summary>
    [Alias("GetHistory"), AlwaysInterleave] Task<AlarmStep[]> GetHistory();
}
