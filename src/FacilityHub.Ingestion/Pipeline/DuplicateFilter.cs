using System.Collections.Concurrent;
using FacilityHub.Ingestion.Mqtt;

namespace FacilityHub.Ingestion.Pipeline;

/// <summary>
/// Remembers each known device's last <see cref="PerDevice"/> timestamped messages for <see cref="Window"/>, so a
/// QoS 1 redelivery (or a replay) of one of them is dropped rather than stored and judged twice: storing the point
/// again would be harmless (same time and tags overwrite), but an event counted twice skews a compliance count.
/// A message without <c>ts</c> cannot be told from a genuine repeat and is never a duplicate. Memory is bounded:
/// only devices of the topology get here, each with a fixed ring.
/// </summary>
internal sealed class DuplicateFilter
{
    public const int PerDevice = 32;
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(10);

    private readonly ConcurrentDictionary<string, Recent> _recent = new(StringComparer.Ordinal);

    /// <summary>True when the same message came within the window; otherwise remembers it.</summary>
    public bool IsRepeat(string equipmentId, MessageKind kind, ParsedPayload message, DateTimeOffset now)
    {
        var recent = _recent.GetOrAdd(equipmentId, static _ => new Recent());
        lock (recent)
        {
            foreach (var seen in recent.Messages)
            {
                if (seen is not null && now - seen.At <= Window && seen.Kind == kind && Same(seen.Message, message)) return true;
            }
            recent.Messages[recent.Next] = new Seen(now, kind, message);
            recent.Next = (recent.Next + 1) % PerDevice;
            return false;
        }
    }

    private static bool Same(ParsedPayload a, ParsedPayload b) =>
        a.Timestamp == b.Timestamp
        && a.EventName == b.EventName
        && a.Zone == b.Zone
        && a.Values.SequenceEqual(b.Values)
        && a.Dropped.SequenceEqual(b.Dropped);

    private sealed record Seen(DateTimeOffset At, MessageKind Kind, ParsedPayload Message);

    private sealed class Recent
    {
        public readonly Seen?[] Messages = new Seen?[PerDevice];
        public int Next;
    }
}
