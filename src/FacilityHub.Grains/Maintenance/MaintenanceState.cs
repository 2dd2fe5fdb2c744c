namespace FacilityHub.Grains.Maintenance;

/// <summary>What a maintenance grain stores: the open window, if any.</summary>
[GenerateSerializer, Alias("fh.MaintenanceState")]
public sealed class MaintenanceState
{
    [Id(0)] public MaintenanceView? Open { get; set; }
}
