namespace FacilityHub.Grains.Maintenance;

[GenerateSerializer, Alias("fh.RuntimeReadingState")]
public sealed class RuntimeReadingState
{
    [Id(0)] public RuntimeReading? Meter { get; set; }
}
