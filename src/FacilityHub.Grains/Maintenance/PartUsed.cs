namespace FacilityHub.Grains.Maintenance;

/// <summary>A part used on a job, e.g. "bearing grease 400 g" x 1.</summary>
[GenerateSerializer, Immutable, Alias("fh.PartUsed")]
public sealed record PartUsed(string Part, double Quantity);
