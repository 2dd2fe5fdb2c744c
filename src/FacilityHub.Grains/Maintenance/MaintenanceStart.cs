namespace FacilityHub.Grains.Maintenance;

/// <summary>A request to put an item under maintenance for <see cref="Duration"/>, by <see cref="Actor"/>.</summary>
[GenerateSerializer, Immutable, Alias("fh.MaintenanceStart")]
public sealed record MaintenanceStart(TimeSpan Duration, string Actor, string Reason);
