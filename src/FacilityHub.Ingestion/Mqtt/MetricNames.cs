using System.Collections.Concurrent;

namespace FacilityHub.Ingestion.Mqtt;

/// <summary>The metric names seen in payloads, each kept as one string (see <see cref="PayloadParser"/>), at most
/// <see cref="Capacity"/> of them: a sender making up names gets a string per name, and fills nothing.</summary>
internal static class MetricNames
{
    public const int Capacity = 4096;

    private static readonly ConcurrentDictionary<string, string> Known = new(StringComparer.Ordinal);
    private static readonly ConcurrentDictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> BySpan = Known.GetAlternateLookup<ReadOnlySpan<char>>();
    // Counted here: ConcurrentDictionary.Count takes every lock, and made-up names would ask it once each.
    private static int _count;

    public static string Get(ReadOnlySpan<char> name)
    {
        if (BySpan.TryGetValue(name, out var known)) return known;
        var text = name.ToString();
        if (Volatile.Read(ref _count) >= Capacity) return text;
        if (Known.TryAdd(text, text))
        {
            Interlocked.Increment(ref _count);
            return text;
        }
        return Known.TryGetValue(text, out known) ? known : text;
    }
}
