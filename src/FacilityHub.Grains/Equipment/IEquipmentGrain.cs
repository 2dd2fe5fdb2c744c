using Orleans.Concurrency;

namespace FacilityHub.Grains.Equipment;

/// <summary>An equipment item or alarm point, keyed by its topology id; its kind decides metrics and rules.</summary>
[Alias("fh.IEquipmentGrain")]
public interface IEquipmentGrain : IGrainWithStringKey
{
    [Alias("RecordTelemetry")] Task RecordTelemetry(TelemetryMessage message);
    [Alias("RecordEvent")] Task RecordEvent(EventMessage message);
    [Alias("GetSnapshot"), AlwaysInterleave] Task<EquipmentSnapshot> GetSnapshot();
}
