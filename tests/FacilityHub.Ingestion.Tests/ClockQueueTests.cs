using FacilityHub.Grains.Equipment;

namespace FacilityHub.Ingestion.Tests;

/// <summary>Which items the hub's clock calls, and when: an item is called once the time it last asked for has come,
/// never for a time it has since moved, and not twice for one time.</summary>
public sealed class ClockQueueTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 27, 8, 0, 0, TimeSpan.Zero);

    [Fact]
    public void An_item_whose_messages_push_its_offline_time_later_is_called_at_the_last_time_not_the_first()
    {
        var queue = new ClockQueue();
        var pump = new ClockCall("pump");
        queue.Want(pump, T0.AddSeconds(60));
        // Messages at +10 s and +20 s: offline 60 s after each.
        queue.Want(pump, T0.AddSeconds(70));
        queue.Want(pump, T0.AddSeconds(80));

        Assert.Empty(Due(queue, T0.AddSeconds(60)));
        Assert.Empty(Due(queue, T0.AddSeconds(79.9)));
        Assert.Equal(["pump"], Due(queue, T0.AddSeconds(80)));
    }

    [Fact]
    public void Items_started_together_that_keep_talking_are_none_of_them_called_when_their_first_offline_time_comes()
    {
        // The hub's start activates every item within a second or two; each then asks for its offline time.
        var queue = new ClockQueue();
        var items = Enumerable.Range(0, 10_000).Select(i => new ClockCall($"item-{i}")).ToList();
        foreach (var item in items) queue.Want(item, T0.AddSeconds(60));
        // Every item has sent a message since.
        for (int i = 0; i < items.Count; i++) queue.Want(items[i], T0.AddSeconds(65 + i % 30));

        Assert.Empty(Due(queue, T0.AddSeconds(64.9)));
        // Only those whose last message was at +5 s: every 30th.
        var expected = items.Where((_, i) => i % 30 == 0).Select(c => c.ItemId).Order(StringComparer.Ordinal);
        Assert.Equal(expected, Due(queue, T0.AddSeconds(65)).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void An_earlier_time_is_called_then_and_the_later_one_it_replaced_is_not_called_twice()
    {
        var queue = new ClockQueue();
        var pump = new ClockCall("pump");
        queue.Want(pump, T0.AddSeconds(60));
        // A reading starts a 30 s on-delay.
        queue.Want(pump, T0.AddSeconds(30));

        Assert.Equal(["pump"], Due(queue, T0.AddSeconds(30)));
        // Called, the item asks for its offline time again.
        queue.Want(pump, T0.AddSeconds(60));
        Assert.Empty(Due(queue, T0.AddSeconds(59)));
        Assert.Equal(["pump"], Due(queue, T0.AddSeconds(60)));
        Assert.Empty(Due(queue, T0.AddSeconds(3600)));
    }

    [Fact]
    public void An_item_that_no_longer_waits_on_the_clock_is_not_called()
    {
        var queue = new ClockQueue();
        var pump = new ClockCall("pump");
        queue.Want(pump, T0.AddSeconds(60));
        queue.Want(pump, null);

        Assert.Empty(Due(queue, T0.AddSeconds(3600)));
    }

    [Fact]
    public void A_call_that_failed_is_made_again_at_the_retry_time_unless_a_message_moved_the_item_s_time()
    {
        var queue = new ClockQueue();
        var silent = new ClockCall("silent");
        var talking = new ClockCall("talking");
        queue.Want(silent, T0.AddSeconds(60));
        queue.Want(talking, T0.AddSeconds(60));
        Assert.Equal(["silent", "talking"], Due(queue, T0.AddSeconds(60)).Order());

        // Both calls failed; only the second item sends a message before the retry.
        queue.Retry(silent, T0.AddSeconds(65));
        queue.Retry(talking, T0.AddSeconds(65));
        queue.Want(talking, T0.AddSeconds(123));

        Assert.Empty(Due(queue, T0.AddSeconds(64.9)));
        Assert.Equal(["silent"], Due(queue, T0.AddSeconds(65)));
        Assert.Equal(["talking"], Due(queue, T0.AddSeconds(123)));
    }

    [Fact]
    public async Task Messages_that_move_items_while_the_clock_takes_them_lose_no_call_and_make_none_twice()
    {
        // Tried: 2,000 items queued for +1 s; one thread moves each to a later time (as its message would) while the
        // clock takes what is due at +1 s. Whichever of the two comes first, each item must be called once for its new
        // time: when the clock took it early, the item was queued again by its move.
        for (int round = 0; round < 20; round++)
        {
            var queue = new ClockQueue();
            var items = Enumerable.Range(0, 2_000).Select(i => new ClockCall($"item-{i}")).ToList();
            foreach (var item in items) queue.Want(item, T0.AddSeconds(1));
            using var start = new Barrier(2);
            var mover = Task.Run(() =>
            {
                start.SignalAndWait();
                for (int i = 0; i < items.Count; i++) queue.Want(items[i], T0.AddSeconds(2 + i % 7));
            });
            var taker = Task.Run(() =>
            {
                start.SignalAndWait();
                var early = new List<ClockCall>();
                while (!mover.IsCompleted) queue.TakeDue(T0.AddSeconds(1), early);
                return early.Count;
            });
            await Task.WhenAll(mover, taker);

            var late = Due(queue, T0.AddSeconds(10));
            Assert.Equal(items.Count, late.Count);
            Assert.Equal(items.Count, late.Distinct().Count());
        }
    }

    private static List<string> Due(ClockQueue queue, DateTimeOffset now)
    {
        var due = new List<ClockCall>();
        queue.TakeDue(now, due);
        return [.. due.Select(c => c.ItemId)];
    }
}
