using Orleans.Concurrency;

namespace FacilityHub.Grains.Maintenance;

/// <summary>The items of one site under maintenance now (key: the site id): a projection the maintenance grains keep.</summary>
[Alias("fh.IMaintenanceBoardGrain")]
public interface IMaintenanceBoardGrain : IGrainWithStringKey
{
    [Alias("Put")] Task Put(MaintenanceView window);
    [Alias("Remove")] Task Remove(string equipmentId);
    [Alias("List"), AlwaysInterleave] Task<MaintenanceView[]> List();
}
