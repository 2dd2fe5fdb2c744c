using System.Collections.Concurrent;
using FacilityHub.Domain.Telemetry;

namespace FacilityHub.Ingestion.Pipeline;

/// <summary>
/// Decides which rejections are logged: the first of each device and reason, then at most one line per
/// <see cref="Interval"/>, carrying how many went unlogged in between. A flood of bad input must not flood the log,
/// nor hide another device's first problem. Keys are bounded: known devices, and one shared key for the rest.
/// </summary>
internal sealed class RejectionLog(TimeProvider time)
{
    public static readonly TimeSpan Interval = TimeSpan.FromMinutes(1);

    private readonly ConcurrentDictionary<(string Device, RejectReason Reason), Slot> _slots = new();

    /// <summary>True when this rejection is to be logged now; <paramref name="unlogged"/> is how many of the same
    /// were counted but not logged since the last line.</summary>
    public bool ShouldLog(string device, RejectReason reason, out long unlogged)
    {
        var slot = _slots.GetOrAdd((device, reason), static _ => new Slot());
        var now = time.GetUtcNow();
        lock (slot)
        {
            if (slot.LastLogged is { } last && now - last < Interval)
            {
                slot.Unlogged++;
                unlogged = 0;
                return false;
            }
            slot.LastLogged = now;
            unlogged = slot.Unlogged;
            slot.Unlogged = 0;
            return true;
        }
    }

    private sealed class Slot
    {
        public DateTimeOffset? LastLogged;
        public long Unlogged;
    }
}
