using System.Collections.Concurrent;
using FacilityHub.Ingestion.Mqtt;

namespace FacilityHub.Ingestion.Pipeline;

/// <summary>
/// Remembers each known device's last <see cref="PerDevice"/> timestamped messages for <see cref="Window"/>, so a
/// QoS 1 redelivery (or a replay) of one of them is dropped rather than stored and judged twice: storing the point
/// again would be harmless (same time and tags overwrite), but an event counted twice skews a compliance count.
/// A message without <c>ts</c> cannot be told from a genuine repeat and is never a duplicate. Memory is bounded and
/// small: only devices of the topology get here, each with at most 32 fingerprints of 16 bytes (a 64-bit hash of the
/// message's own timestamp, its kind and content; when it came), not the messages themselves (with 100k devices
/// talking, whole payloads kept for 10 minutes were most of the hub's memory). Two different messages of one device
/// would have to collide in 64 bits to be taken for each other.
/// </summary>
internal sealed class DuplicateFilter
{
    public const int PerDevice = 32;
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(10);

    private readonly ConcurrentDictionary<string, Recent> _recent = new(StringComparer.Ordinal);

    /// <summary>True when the same message came within the window; otherwise remembers it.</summary>
    public bool IsRepeat(string equipmentId, MessageKind kind, ParsedPayload message, DateTimeOffset now)
    {
        var seen = new Seen(Fingerprint(kind, message), now.UtcTicks);
        var recent = _recent.GetOrAdd(equipmentId, static _ => new Recent());
        lock (recent)
        {
            var free = -1;
            for (var i = 0; i < recent.Messages.Length; i++)
            {
                ref readonly var s = ref recent.Messages[i];
                if (s.ReceivedTicks == 0 || now.UtcTicks - s.ReceivedTicks > Window.Ticks)
                {
                    free = i;
                    continue;
                }
                if (s.Hash == seen.Hash) return true;
            }
            recent.Remember(seen, free);
            return false;
        }
    }

    /// <summary>FNV-1a (64 bit) over the timestamp, the kind, the event and zone, every value and every dropped value with its reason.</summary>
    private static ulong Fingerprint(MessageKind kind, ParsedPayload message)
    {
        var h = 14695981039346656037UL;
        void Add(ulong v)
        {
            for (var i = 0; i < 8; i++)
            {
                h = (h ^ (byte)(v >> (8 * i))) * 1099511628211UL;
            }
        }
        void AddText(string? s)
        {
            if (s is null)
            {
                Add(ulong.MaxValue);
                return;
            }
            Add((ulong)s.Length);
            foreach (var c in s) Add(c);
        }

        Add((ulong)message.Timestamp!.Value.UtcTicks);
        Add((ulong)kind);
        AddText(message.EventName);
        AddText(message.Zone);
        Add((ulong)message.Values.Count);
        foreach (var v in message.Values)
        {
            AddText(v.Metric);
            Add((ulong)BitConverter.DoubleToInt64Bits(v.Value));
        }
        Add((ulong)message.Dropped.Count);
        foreach (var (metric, reason) in message.Dropped)
        {
            AddText(metric);
            Add((ulong)reason);
        }
        return h;
    }

    private readonly record struct Seen(ulong Hash, long ReceivedTicks);

    /// <summary>A device's fingerprints: a slot out of the window is reused first, so the ring grows by 4 (4, 8, 12, ...
    /// 32) only as far as the device's own rate needs (a panel's heartbeat every 30 s: 21 in 10 minutes, 24 slots, where
    /// doubling made 32); at 32 the oldest goes.</summary>
    private sealed class Recent
    {
        private const int Step = 4;

        public Seen[] Messages { get; private set; } = new Seen[Step];

        public void Remember(Seen seen, int free)
        {
            if (free < 0 && Messages.Length < PerDevice)
            {
                free = Messages.Length;
                var grown = new Seen[Math.Min(Messages.Length + Step, PerDevice)];
                Messages.CopyTo(grown, 0);
                Messages = grown;
            }
            if (free < 0)
            {
                free = 0;
                for (var i = 1; i < Messages.Length; i++)
                {
                    if (Messages[i].ReceivedTicks < Messages[free].ReceivedTicks) free = i;
                }
            }
            Messages[free] = seen;
        }
    }
}
