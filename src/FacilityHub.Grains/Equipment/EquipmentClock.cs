using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace FacilityHub.Grains.Equipment;

/// <summary>
/// One clock for the time-driven rules of every item (offline, delays, compliance periods) instead of a grain timer per
/// item: a grain timer costs ~0.5 KB per activation, 50 MB at 100k alarm points. An item tells the clock when its
/// monitor is next due (<see cref="Want"/>, after every message); the clock calls <see cref="IEquipmentGrain.Tick"/> once
/// that time has come (to within <see cref="Resolution"/>). Which items are due is the <see cref="ClockQueue"/>'s logic.
/// </summary>
public sealed partial class EquipmentClock(IGrainFactory grains, TimeProvider time, ILogger<EquipmentClock> logger) : BackgroundService
{
    public static readonly TimeSpan Resolution = TimeSpan.FromMilliseconds(100);
    // A call that failed is made again this much later, unless the item's next message moves its time first.
    public static readonly TimeSpan RetryAfter = TimeSpan.FromSeconds(5);
    private const int CallsAtOnce = 64;

    private readonly ClockQueue _queue = new();

    /// <summary>The item's <see cref="IEquipmentGrain.Tick"/> is called at <paramref name="at"/> (at once, when past), or no
    /// longer (null); replaces the time the item wanted before.</summary>
    public void Want(ClockCall call, DateTimeOffset? at) => _queue.Want(call, at);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Resolution, time);
        var due = new List<ClockCall>();
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                _queue.TakeDue(time.GetUtcNow(), due);
                if (due.Count == 0) continue;
                await Parallel.ForEachAsync(due, new ParallelOptions { MaxDegreeOfParallelism = CallsAtOnce, CancellationToken = stoppingToken }, async (call, _) =>
                {
                    try
                    {
                        await grains.Ref<IEquipmentGrain>(call.ItemId).Tick();
                    }
                    catch (Exception ex) when (ex is not OperationCanceledException)
                    {
                        LogTickFailed(ex, call.ItemId, RetryAfter.TotalSeconds);
                        _queue.Retry(call, time.GetUtcNow() + RetryAfter);
                    }
                });
                due.Clear();
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Clock: item {EquipmentId} could not run its time-driven rules; tried again in {RetrySeconds} s")]
    private partial void LogTickFailed(Exception exception, string equipmentId, double retrySeconds);
}
