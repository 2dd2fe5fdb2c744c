using FacilityHub.Domain.Topology;
using FacilityHub.Grains;
using FacilityHub.Grains.Equipment;

namespace FacilityHub.Server.Startup;

/// <summary>At start, activates every item with a time-driven rule (offline, compliance periods), so that a device
/// that never speaks again after a restart is still found offline.</summary>
public sealed partial class EquipmentWatchStarter(Estate estate, IGrainFactory grains, ILogger<EquipmentWatchStarter> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var watched = estate.Equipment.Where(e => e.Kind.Rules.Any(r => r.NeedsClock)).Select(e => e.Id).ToList();
        try
        {
            await Parallel.ForEachAsync(watched, new ParallelOptions { MaxDegreeOfParallelism = 32, CancellationToken = stoppingToken },
                async (id, _) => await grains.Ref<IEquipmentGrain>(id).StartWatching());
            LogStarted(watched.Count);
            // Activating the estate (100k items: 30-45 s) leaves its garbage in the old generation, promoted by the small gen0
            // budget (see the csproj): collected once, instead of held until a full GC (bench --memory-only: 3,738-3,855 ->
            // 3,400-3,446 bytes per grain). Not GCCollectionMode.Aggressive (3,105-3,319): after it, 6 of 10 of the hub's
            // later background gen2 collections stopped every thread for their whole length (75-142 ms); after a Forced
            // one, 1 of 10 did (NOTES.md of the benchmark, section (8)).
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        }
        catch (OperationCanceledException)
        {
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Watching {Count} items with time-driven rules (offline, delays, compliance periods)")]
    private partial void LogStarted(int count);
}
