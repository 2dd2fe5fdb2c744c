using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace FacilityHub.Grains.Equipment;

/// <summary>
/// One clock for the time-driven rules of every item (offline, delays, compliance periods) instead of a grain timer per
/// item: a grain timer costs ~0.5 KB per activation, 50 MB at 100k alarm points. An item asks to be called at its
/// monitor's next due time; the clock calls <see cref="IEquipmentGrain.Tick"/> then (to within <see cref="Resolution"/>).
/// A call that comes early is harmless (the item asks again), so an item that wants a later time keeps its earlier
/// entry instead of adding one: most messages only push the offline time further out, and add nothing here.
/// </summary>
public sealed partial class EquipmentClock(IGrainFactory grains, TimeProvider time, ILogger<EquipmentClock> logger) : BackgroundService
{
    public static readonly TimeSpan Resolution = TimeSpan.FromMilliseconds(100);
    private const int CallsAtOnce = 64;

    private readonly PriorityQueue<string, DateTimeOffset> _due = new();
    private readonly Lock _lock = new();

    /// <summary>Calls the item's <see cref="IEquipmentGrain.Tick"/> at <paramref name="at"/> (or at once, when past).</summary>
    public void CallAt(string equipmentId, DateTimeOffset at)
    {
        lock (_lock) _due.Enqueue(equipmentId, at);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Resolution, time);
        var due = new List<string>();
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                var now = time.GetUtcNow();
                lock (_lock)
                {
                    while (_due.TryPeek(out var id, out var at) && at <= now)
                    {
                        due.Add(id);
                        _due.Dequeue();
                    }
                }
                if (due.Count == 0) continue;
                await Parallel.ForEachAsync(due, new ParallelOptions { MaxDegreeOfParallelism = CallsAtOnce, CancellationToken = stoppingToken }, async (id, _) =>
                {
                    try
                    {
                        await grains.Ref<IEquipmentGrain>(id).Tick();
                    }
                    catch (Exception ex) when (ex is not OperationCanceledException)
                    {
                        // The item runs its rules again with its next message, or asks for another call.
                        LogTickFailed(ex, id);
                    }
                });
                due.Clear();
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Clock: item {EquipmentId} could not run its time-driven rules")]
    private partial void LogTickFailed(Exception exception, string equipmentId);
}
