using System.Buffers;
using FacilityHub.Grains;
using FacilityHub.Grains.Equipment;
using FacilityHub.Ingestion.Influx;
using FacilityHub.Ingestion.Mqtt;

namespace FacilityHub.Ingestion.Pipeline;

/// <summary>
/// One MQTT message: checked by the <see cref="IngestionGate"/> (which counts and logs what it rejects), then every
/// accepted point to InfluxDB and to the item's grain for its rules. A bad message (or a bad value in it) never
/// stops the pipeline and never costs another message or value.
/// </summary>
public sealed class TelemetryPipeline(IngestionGate gate, TelemetryStore store, IGrainFactory grains)
{
    /// <summary>Checks and stores the message at once (in the order messages come), then returns the item's grain call:
    /// not an async method, so that a message costs no state machine of its own (the caller awaits the call anyway).
    /// The gate's and the store's own failures are thrown here, not in the task.</summary>
    public Task HandleAsync(string topic, ReadOnlySequence<byte> payload)
    {
        if (gate.Admit(topic, payload) is not { } message) return Task.CompletedTask;
        var item = message.Item;
        if (message.Kind == MessageKind.Event)
        {
            store.WriteEvent(item, message.At, message.EventName!, message.Zone);
            return grains.Ref<IEquipmentGrain>(item.Id).RecordEvent(new EventMessage(message.At, message.EventName!, message.Zone));
        }
        store.WriteTelemetry(item, message.At, message.Values);
        var samples = new MetricSample[message.Values.Count];
        for (int i = 0; i < samples.Length; i++) samples[i] = new MetricSample(message.Values[i].Metric, message.Values[i].Value);
        return grains.Ref<IEquipmentGrain>(item.Id).RecordTelemetry(new TelemetryMessage(message.At, samples));
    }
}
