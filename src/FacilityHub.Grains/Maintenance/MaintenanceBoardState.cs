namespace FacilityHub.Grains.Maintenance;

[GenerateSerializer, Alias("fh.MaintenanceBoardState")]
public sealed class MaintenanceBoardState
{
    /// <summary>Open windows by equipment id.</summary>
    [Id(0)] public Dictionary<string, MaintenanceView> Open { get; set; } = [];
}
