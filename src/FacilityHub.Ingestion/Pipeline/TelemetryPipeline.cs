using System.Buffers;
using FacilityHub.Domain.Telemetry;
using FacilityHub.Domain.Topology;
using FacilityHub.Grains.Equipment;
using FacilityHub.Ingestion.Influx;
using FacilityHub.Ingestion.Mqtt;
using Microsoft.Extensions.Logging;

namespace FacilityHub.Ingestion.Pipeline;

/// <summary>
/// One MQTT message: topic and payload checked against the topology, every accepted point to InfluxDB,
/// then to the item's grain for its rules. A bad message (or a bad value in it) is counted and dropped;
/// it never stops the pipeline and never costs another message or value.
/// </summary>
public sealed partial class TelemetryPipeline(
    Estate estate,
    TelemetryStore store,
    IGrainFactory grains,
    IngestionStats stats,
    TimeProvider time,
    ILogger<TelemetryPipeline> logger)
{
    public async Task HandleAsync(string topic, ReadOnlySequence<byte> payload)
    {
        if (!DeviceTopic.TryParse(topic, out var device))
        {
            Reject(RejectReason.BadTopic, "-", "topic outside facility/{site}/{building}/{equipment}/{telemetry|event}");
            return;
        }
        if (!estate.TryGetEquipment(device.EquipmentId, out var item) || item.SiteId != device.SiteId || item.BuildingId != device.BuildingId)
        {
            Reject(RejectReason.UnknownDevice, device.EquipmentId, "no such equipment at this site and building in the topology");
            return;
        }

        ParsedPayload parsed;
        try
        {
            parsed = PayloadParser.Parse(payload, device.Kind);
        }
        catch (PayloadException e)
        {
            Reject(e.Reason, item.Id, e.Message);
            return;
        }
        var at = parsed.Timestamp ?? time.GetUtcNow();

        if (device.Kind == MessageKind.Event)
        {
            if (!item.Kind.Events.Contains(parsed.EventName!))
            {
                Reject(RejectReason.UnknownEvent, item.Id, $"kind '{item.Kind.Name}' has no event '{parsed.EventName}'");
                return;
            }
            stats.CountAccepted();
            store.WriteEvent(item, at, parsed.EventName!, parsed.Zone);
            await grains.GetGrain<IEquipmentGrain>(item.Id).RecordEvent(new EventMessage(at, parsed.EventName!, parsed.Zone));
            return;
        }

        foreach (string metric in parsed.NotNumbers) Reject(RejectReason.NotANumber, item.Id, $"'{metric}' is not a number");
        var rejected = new List<(string Metric, RejectReason Reason)>(0);
        var values = ReadingValidator.KeepPlausible(item.Kind, parsed.Values, rejected);
        foreach (var (metric, reason) in rejected) Reject(reason, item.Id, $"'{metric}' rejected");
        if (values.Count == 0)
        {
            if (parsed.Values.Count == 0 && parsed.NotNumbers.Count == 0) Reject(RejectReason.MalformedJson, item.Id, "no values");
            return;
        }

        stats.CountAccepted();
        store.WriteTelemetry(item, at, values);
        var samples = new MetricSample[values.Count];
        for (int i = 0; i < samples.Length; i++) samples[i] = new MetricSample(values[i].Metric, values[i].Value);
        await grains.GetGrain<IEquipmentGrain>(item.Id).RecordTelemetry(new TelemetryMessage(at, samples));
    }

    private void Reject(RejectReason reason, string equipmentId, string detail)
    {
        // Logged the first time per reason (then counted only): a flood of bad input must not flood the log.
        if (stats.CountRejected(reason)) LogRejected(reason, equipmentId, detail);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Rejected MQTT input ({Reason}) from {EquipmentId}: {Detail}. Further rejections for this reason are counted, not logged.")]
    private partial void LogRejected(RejectReason reason, string equipmentId, string detail);
}
