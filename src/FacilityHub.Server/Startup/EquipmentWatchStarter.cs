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
        }
        catch (OperationCanceledException)
        {
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Watching {Count} items with time-driven rules (offline, delays, compliance periods)")]
    private partial void LogStarted(int count);
}
