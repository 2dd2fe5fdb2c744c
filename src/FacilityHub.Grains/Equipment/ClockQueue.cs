namespace FacilityHub.Grains.Equipment;

/// <summary>An item's place in the <see cref="ClockQueue"/>: the time it wants to be called, which the item moves
/// with every message, and the time it waits in the queue.</summary>
public sealed class ClockCall(string itemId)
{
    public string ItemId { get; } = itemId;

    // UTC ticks, 0 for none. Wanted is written by the item (with a full fence), Queued by the queue under its lock and
    // read by the item without it: one of the two always sees the other's write (ClockQueue.Want, TakeDue).
    internal long Wanted;
    internal long Queued;
}

/// <summary>
/// When each item wants its time-driven rules run. Most messages only push an item's wanted time later (its offline
/// deadline): that is a field write, nothing in the queue moves. When a queued time comes, the queue looks at the
/// wanted time again and, if it has moved later, waits for that instead of calling the item; only an item whose wanted
/// time has come is due. So an item that keeps talking is never called by the clock, and items activated together
/// (every item at the hub's start) are not all called together one offline delay later (NOTES.md of the benchmark,
/// section (11)). Pure logic: <see cref="EquipmentClock"/> makes the calls.
/// </summary>
public sealed class ClockQueue
{
    private readonly PriorityQueue<ClockCall, long> _queue = new();
    private readonly Lock _lock = new();

    /// <summary>The item wants to be called at <paramref name="at"/>, or no longer at all (null); replaces what it wanted.</summary>
    public void Want(ClockCall call, DateTimeOffset? at)
    {
        long wanted = at?.UtcTicks ?? 0;
        Interlocked.Exchange(ref call.Wanted, wanted);
        if (wanted == 0) return;
        // An earlier time waits in the queue: when it comes, the queue sees this one.
        long queued = Volatile.Read(ref call.Queued);
        if (queued != 0 && queued <= wanted) return;
        Enqueue(call, wanted);
    }

    /// <summary>A call that failed is made again at <paramref name="at"/> unless the item wants another time by then.</summary>
    public void Retry(ClockCall call, DateTimeOffset at) => Enqueue(call, at.UtcTicks);

    /// <summary>Adds to <paramref name="due"/> the items whose wanted time has come by <paramref name="now"/>, each once.</summary>
    public void TakeDue(DateTimeOffset now, List<ClockCall> due)
    {
        lock (_lock)
        {
            while (_queue.TryPeek(out var call, out long at) && at <= now.UtcTicks)
            {
                _queue.Dequeue();
                // Superseded: the item was queued earlier since, and that entry has come already.
                if (call.Queued != at) continue;
                Interlocked.Exchange(ref call.Queued, 0);
                long wanted = Volatile.Read(ref call.Wanted);
                if (wanted == 0) continue;
                if (wanted > now.UtcTicks)
                {
                    call.Queued = wanted;
                    _queue.Enqueue(call, wanted);
                    continue;
                }
                due.Add(call);
            }
        }
    }

    private void Enqueue(ClockCall call, long at)
    {
        lock (_lock)
        {
            if (call.Queued != 0 && call.Queued <= at) return;
            call.Queued = at;
            _queue.Enqueue(call, at);
        }
    }
}
