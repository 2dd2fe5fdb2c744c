using Orleans.Concurrency;

namespace FacilityHub.Grains.Alarms;

/// <summary>The alarm of one rule on one equipment item (key <see cref="AlarmKeys.Tag"/>), durable.</summary>
[Alias("fh.IAlarmGrain")]
public interface IAlarmGrain : IGrainWithStringKey
{
    /// <summary>The rule's condition holds. A no-op while the alarm is already active.</summary>
    [Alias("Raise")] Task Raise(DateTimeOffset at, string message);

    /// <summary>The condition cleared. A no-op while the alarm is not active.</summary>
    [Alias("Clear")] Task Clear(DateTimeOffset at, string message);

    /// <summary>The current (or last) occurrence; null if the alarm never started.</summary>
    [Alias("GetCurrent"), AlwaysInterleave] Task<AlarmView?> GetCurrent();
}
