namespace FacilityHub.Grains;

/// <summary>
/// <c>Ref&lt;T&gt;(key)</c> is <c>GetGrain&lt;T&gt;(key)</c> without its per-call cost. Orleans resolves the interface's grain
/// type on every <c>GetGrain</c> call (attribute reflection, then formatting and parsing the type's name): over a
/// kilobyte of garbage per call, which on the per-message path was a quarter of the hub's allocations and so of its GC
/// pauses (simulators/FacilityHub.Bench/NOTES.md, section (6)). Here it is resolved once per interface; the reference
/// is still made by the given factory. Use it wherever a call runs per message or per alarm.
/// </summary>
public static class GrainRefs
{
    public static T Ref<T>(this IGrainFactory grains, string key) where T : IGrainWithStringKey
    {
        if (Resolved<T>.Value is { } known) return (T)grains.GetGrain(GrainId.Create(known.Type, key), known.Interface);
        var reference = grains.GetGrain<T>(key);
        var resolved = (GrainReference)(object)reference;
        // A grain type the silo does not know (yet) comes back as a system stub, resolved at the first call: not kept.
        if (!resolved.GrainId.Type.ToString()!.StartsWith(GrainTypePrefix.SystemPrefix, StringComparison.Ordinal))
        {
            Resolved<T>.Value = new Resolution(resolved.GrainId.Type, resolved.InterfaceType);
        }
        return reference;
    }

    // A class, so that a thread reads all of it or none (a struct of two could be read half-written).
    private sealed record Resolution(GrainType Type, GrainInterfaceType Interface);

    private static class Resolved<T>
    {
        public static Resolution? Value;
    }
}
