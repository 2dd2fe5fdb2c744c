using FacilityHub.Domain.Maintenance;
using FacilityHub.Grains.Maintenance;

namespace FacilityHub.Server.Startup;

/// <summary>At start, wakes the preventive-maintenance planner: it plans what is due and registers its reminder, which
/// brings it back every minute from then on, also after a restart.</summary>
public sealed partial class MaintenancePlannerStarter(MaintenanceSetup setup, IGrainFactory grains, ILogger<MaintenancePlannerStarter> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (setup.Plans.Count == 0) return;
        for (int attempt = 1; !stoppingToken.IsCancellationRequested; attempt++)
        {
            try
            {
                await grains.GetGrain<IMaintenancePlannerGrain>(IMaintenancePlannerGrain.Key).Wake();
                LogStarted(setup.Plans.Count, setup.Teams.Count);
                return;
            }
            catch (Exception e) when (e is not OperationCanceledException && attempt < 10)
            {
                LogRetry(e.Message);
                await Task.Delay(TimeSpan.FromSeconds(2), stoppingToken);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Preventive maintenance: {Plans} plans for {Teams} teams, planning every minute")]
    private partial void LogStarted(int plans, int teams);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Preventive maintenance planner not started yet ({Error}); retrying")]
    private partial void LogRetry(string error);
}
