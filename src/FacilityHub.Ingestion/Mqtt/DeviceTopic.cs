using FacilityHub.Domain.Telemetry;
using FacilityHub.Domain.Topology;

namespace FacilityHub.Ingestion.Mqtt;

/// <summary>
/// The topic scheme: <c>facility/{site}/{building}/{equipment}/telemetry</c> and <c>.../event</c>.
/// Ids follow the topology's id pattern, so wildcards, '..' and control characters never get through.
/// </summary>
public readonly record struct DeviceTopic(string SiteId, string BuildingId, string EquipmentId, MessageKind Kind)
{
    public const string Root = "facility";

    /// <summary>Far above the longest topic of the scheme (three 64-character ids); longer is not split at all.</summary>
    public const int MaxLength = 1024;

    /// <summary>What the hub subscribes to; the shared group splits the stream between hub instances.</summary>
    public static string SharedSubscription(string group) => $"$share/{group}/{Root}/+/+/+/+";

    public static string Telemetry(string site, string building, string equipment) => $"{Root}/{site}/{building}/{equipment}/telemetry";

    public static string Event(string site, string building, string equipment) => $"{Root}/{site}/{building}/{equipment}/event";

    public static bool TryParse(string topic, out DeviceTopic parsed) => TryParse(topic, out parsed, out _);

    /// <summary>On failure <paramref name="reason"/> is <see cref="RejectReason.BadTopic"/> (not the scheme's shape)
    /// or <see cref="RejectReason.BadId"/> (the shape, but a site, building or equipment that is not an id).</summary>
    public static bool TryParse(string topic, out DeviceTopic parsed, out RejectReason reason)
    {
        if (!TrySplit(topic, out var ids, out var kind, out reason))
        {
            parsed = default;
            return false;
        }
        parsed = new DeviceTopic(topic[ids.Site], topic[ids.Building], topic[ids.Equipment], kind);
        return true;
    }

    /// <summary><see cref="TryParse(string, out DeviceTopic, out RejectReason)"/> that leaves the ids where they are, as
    /// ranges of <paramref name="topic"/>: the per-message way in, which allocates nothing.</summary>
    public static bool TrySplit(string topic, out Ids ids, out MessageKind kind, out RejectReason reason)
    {
        (ids, kind, reason) = (default, default, RejectReason.BadTopic);
        if (topic.Length > MaxLength) return false;
        ReadOnlySpan<char> text = topic;
        // One more than the scheme's five: a topic with more levels shows as a sixth part, not inside the fifth.
        Span<Range> parts = stackalloc Range[6];
        if (text.Split(parts, '/') != 5 || !text[parts[0]].SequenceEqual(Root)) return false;
        MessageKind? found = text[parts[4]] switch { "telemetry" => MessageKind.Telemetry, "event" => MessageKind.Event, _ => null };
        if (found is null) return false;
        reason = RejectReason.BadId;
        for (int i = 1; i <= 3; i++)
        {
            if (!TopologyLoader.IdPattern().IsMatch(text[parts[i]])) return false;
        }
        (ids, kind) = (new Ids(parts[1], parts[2], parts[3]), found.Value);
        return true;
    }

    /// <summary>Where a topic's site, building and equipment ids are.</summary>
    public readonly record struct Ids(Range Site, Range Building, Range Equipment);
}
