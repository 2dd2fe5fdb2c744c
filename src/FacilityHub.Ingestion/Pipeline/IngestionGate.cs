using System.Buffers;
using FacilityHub.Domain.Telemetry;
using FacilityHub.Domain.Topology;
using FacilityHub.Ingestion.Mqtt;
using Microsoft.Extensions.Logging;

namespace FacilityHub.Ingestion.Pipeline;

/// <summary>
/// Every check between an MQTT message and the hub, in order: topic, device in the topology, payload, the
/// payload's own <c>device</c> against the topic, timestamp window, duplicate, then event or values against the
/// item's kind. A rejection is counted by reason and logged by device id and reason only, never with payload
/// content (it may hold personal data), and rate-limited per device and reason. A bad value costs only itself.
/// Pure apart from the clock: no I/O, so a hostile message costs microseconds and delays no other device.
/// </summary>
public sealed partial class IngestionGate(Estate estate, IngestionStats stats, TimeProvider time, ILogger<IngestionGate> logger)
{
    // Rejections that cannot be pinned on a known device share one log slot, so made-up ids cannot grow it.
    private const string NoDevice = "-";

    private readonly DuplicateFilter _duplicates = new();
    private readonly RejectionLog _log = new(time);

    /// <summary>The message if it (or some of its values) is to be stored and judged; null when rejected whole.</summary>
    public AdmittedMessage? Admit(string topic, ReadOnlySequence<byte> payload)
    {
        if (!DeviceTopic.TrySplit(topic, out var ids, out var kind, out var topicProblem)) return Reject(topicProblem, NoDevice);
        var text = topic.AsSpan();
        if (!estate.TryGetEquipment(text[ids.Equipment], out var item) || !text[ids.Site].SequenceEqual(item.SiteId) || !text[ids.Building].SequenceEqual(item.BuildingId))
        {
            // The id matched the id pattern, so it is safe to log; the log slot is shared.
            return Reject(RejectReason.UnknownDevice, NoDevice, topic[ids.Equipment]);
        }

        if (!PayloadParser.TryParse(payload, kind, out var parsed, out var unusable)) return Reject(unusable, item.Id);
        if (parsed.Device is { } claimed && claimed != item.Id) return Reject(RejectReason.DeviceMismatch, item.Id);

        var now = time.GetUtcNow();
        if (parsed.Timestamp is { } ts)
        {
            if (TimestampWindow.Check(ts, now) is { } tooFar) return Reject(tooFar, item.Id);
            if (_duplicates.IsRepeat(item.Id, kind, parsed, now)) return Reject(RejectReason.Duplicate, item.Id);
        }
        var at = parsed.Timestamp ?? now;

        if (kind == MessageKind.Event)
        {
            if (!item.Kind.Events.Contains(parsed.EventName!)) return Reject(RejectReason.UnknownEvent, item.Id);
            stats.CountAccepted();
            return new AdmittedMessage(item, MessageKind.Event, at, [], parsed.EventName, parsed.Zone);
        }

        foreach (var (_, reason) in parsed.Dropped) Reject(reason, item.Id);
        var rejected = new List<(string Metric, RejectReason Reason)>(0);
        var values = ReadingValidator.KeepPlausible(item.Kind, parsed.Values, rejected);
        foreach (var (_, reason) in rejected) Reject(reason, item.Id);
        if (values.Count == 0)
        {
            if (parsed.Values.Count == 0 && parsed.Dropped.Count == 0) Reject(RejectReason.MalformedJson, item.Id);
            return null;
        }
        stats.CountAccepted();
        return new AdmittedMessage(item, MessageKind.Telemetry, at, values, null, null);
    }

    private AdmittedMessage? Reject(RejectReason reason, string logSlot, string? shownId = null)
    {
        stats.CountRejected(reason);
        if (_log.ShouldLog(logSlot, reason, out long unlogged)) LogRejected(reason, shownId ?? logSlot, unlogged);
        return null;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Rejected MQTT input ({Reason}) from {EquipmentId}; {Unlogged} more since the previous line (at most one line a minute per device and reason, every one counted)")]
    private partial void LogRejected(RejectReason reason, string equipmentId, long unlogged);
}
