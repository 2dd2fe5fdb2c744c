using FacilityHub.Domain.Alarms;
using FacilityHub.Domain.Telemetry;
using FacilityHub.Domain.Topology;
using FacilityHub.Grains.Alarms;

namespace FacilityHub.Grains.Equipment;

/// <summary>Keeps the latest readings in memory (history lives in InfluxDB) and runs the kind's rules;
/// a condition that starts or clears is handed to the alarm grain of (item, rule), which is durable.</summary>
public sealed class EquipmentGrain(Estate estate) : Grain, IEquipmentGrain
{
    private readonly Dictionary<string, ReadingView> _readings = new(StringComparer.Ordinal);
    private EquipmentMonitor? _monitor;
    private DateTimeOffset? _lastSeen;
    private string? _lastEvent;

    private EquipmentMonitor Monitor => _monitor ??= new EquipmentMonitor(Item.Kind);

    private EquipmentItem Item => estate.TryGetEquipment(this.GetPrimaryKeyString(), out var item)
        ? item
        : throw new ArgumentException($"equipment '{this.GetPrimaryKeyString()}' is not in the topology");

    public Task RecordTelemetry(TelemetryMessage message)
    {
        var values = new MetricValue[message.Values.Length];
        for (int i = 0; i < values.Length; i++)
        {
            var s = message.Values[i];
            values[i] = new MetricValue(s.Metric, s.Value);
            _readings[s.Metric] = new ReadingView(s.Metric, s.Value, message.Timestamp);
        }
        Touch(message.Timestamp);
        return RaiseOrClear(Monitor.Observe(new TelemetryReading(Item.Id, message.Timestamp, values)));
    }

    public Task RecordEvent(EventMessage message)
    {
        _lastEvent = message.Zone is null ? message.Name : $"{message.Name} ({message.Zone})";
        Touch(message.Timestamp);
        return RaiseOrClear(Monitor.Observe(new DeviceEvent(Item.Id, message.Timestamp, message.Name, message.Zone)));
    }

    public Task<EquipmentSnapshot> GetSnapshot() =>
        Task.FromResult(new EquipmentSnapshot(this.GetPrimaryKeyString(), [.. _readings.Values.OrderBy(r => r.Metric, StringComparer.Ordinal)], _lastSeen, _lastEvent));

    private void Touch(DateTimeOffset at)
    {
        if (_lastSeen is null || at > _lastSeen) _lastSeen = at;
    }

    private async Task RaiseOrClear(IReadOnlyList<ConditionChange> changes)
    {
        foreach (var change in changes)
        {
            var alarm = GrainFactory.GetGrain<IAlarmGrain>(AlarmKeys.Tag(Item.Id, change.Rule.Id));
            if (change.Active) await alarm.Raise(change.At, change.Message);
            else await alarm.Clear(change.At, change.Message);
        }
    }
}
