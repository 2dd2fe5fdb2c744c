namespace FacilityHub.Grains;

/// <summary>Name of the durable grain storage provider (Redis in the hub, memory in pure grain tests).</summary>
public static class GrainStorage
{
    public const string Name = "store";
}
