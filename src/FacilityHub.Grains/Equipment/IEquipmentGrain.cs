using System.Collections.Immutable;
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
    /// maintenance window suppresses them), before they are: the item then no longer raises them as never stored.
    /// An immutable array, not a <c>string[]</c>: for a mutable argument Orleans's generated reference resolves a copier in
    /// its constructor, through the service provider, for every reference made: once per MQTT message on the ingest
    /// path (simulators/FacilityHub.Bench/NOTES.md, section (10)).</summary>
    [Alias("AlarmsStored")] Task AlarmsStored(ImmutableArray<string> ruleIds);

    [Alias("GetSnapshot"), AlwaysInterleave] Task<EquipmentSnapshot> GetSnapshot();
}
