using Orleans.Concurrency;

namespace FacilityHub.Grains.Equipment;

/// <summary>An equipment item or alarm point, keyed by its topology id; its kind decides metrics and rules.</summary>
[Alias("fh.IEquipmentGrain")]
public interface IEquipmentGrain : IGrainWithStringKey
{
    /// <summary>Activates the item so that its time-driven rules (e.g. offline) run before it sends anything.</summary>
    [Alias("StartWatching")] Task StartWatching();

    /// <summary>Runs the item's time-driven rules at the present time (called by <see cref="EquipmentClock"/>).</summary>
    [Alias("Tick")] Task Tick();

    [Alias("RecordTelemetry")] Task RecordTelemetry(TelemetryMessage message);
    [Alias("RecordEvent")] Task RecordEvent(EventMessage message);
    /// <summary>Records that the alarms of these rules are about to be stored by someone other than the item (a
    /// maintenance window suppresses them), before they are: the item then no longer raises them as never stored.</summary>
    [Alias("AlarmsStored")] Task AlarmsStored(string[] ruleIds);

    [Alias("GetSnapshot"), AlwaysInterleave] Task<EquipmentSnapshot> GetSnapshot();
}
