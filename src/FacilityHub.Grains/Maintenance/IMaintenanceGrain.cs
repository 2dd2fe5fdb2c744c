using Orleans.Concurrency;

namespace FacilityHub.Grains.Maintenance;

/// <summary>The maintenance window of one equipment item (key: the equipment id), durable. While it is open every
/// alarm of the item's own rules is suppressed by design; when it ends (on request or by itself at its end time)
/// they are restored.</summary>
[Alias("fh.IMaintenanceGrain")]
public interface IMaintenanceGrain : IGrainWithStringKey
{
    /// <summary>Opens the window (or, while one is open, replaces its end time and reason) and suppresses the item's alarms.</summary>
    [Alias("Start")] Task<MaintenanceView> Start(MaintenanceStart start);

    /// <summary>Ends the open window and restores the item's alarms; null when none is open.</summary>
    [Alias("End")] Task<MaintenanceView?> End(string actor, string note);

    [Alias("GetOpen"), AlwaysInterleave] Task<MaintenanceView?> GetOpen();
}
