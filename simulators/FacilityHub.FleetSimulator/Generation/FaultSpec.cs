using FacilityHub.FleetSimulator.Topology;

namespace FacilityHub.FleetSimulator.Generation;

/// <summary>
/// A fault the simulator can inject. It drives metrics to new targets (<see cref="Targets"/>), trips a
/// home-alarm zone (<see cref="Zone"/>: one <c>zone_tripped</c> event at the start and one
/// <c>zone_restored</c> at the clear), sends one event of the kind at the start (<see cref="Event"/>),
/// silences the device while it lasts (<see cref="Silent"/>), freezes one metric at its last reading
/// (<see cref="Frozen"/>), keeps one of the kind's events from being sent (<see cref="Suppressed"/>), or spoils
/// the messages on their way (<see cref="Messages"/>). A fault that only shows on a running machine
/// (<see cref="InService"/>: the hub's rules for it hold only while the conveyor runs) puts a device with service
/// periods into service for as long as it lasts, so that a drill outside a meal period still means something.
/// </summary>
public sealed record FaultSpec(string Name, string Description, IReadOnlyList<FaultTarget> Targets, string? Zone = null,
    string? Event = null, bool Silent = false, string? Frozen = null, string? Suppressed = null, MessageFault Messages = MessageFault.None,
    bool InService = false)
{
    /// <summary>Event sent when a zone fault starts.</summary>
    public const string ZoneTrippedEvent = "zone_tripped";

    /// <summary>Event sent when a zone fault clears.</summary>
    public const string ZoneRestoredEvent = "zone_restored";

    /// <summary>
    /// Whether the fault makes sense on <paramref name="kind"/>: a metric fault needs every metric it
    /// drives, a zone fault needs the <c>zone_tripped</c> event. Kinds are matched by what they
    /// report, not by name, so a kind added to the topology later gets the faults that fit it.
    /// </summary>
    public bool AppliesTo(KindSpec kind, out string reason)
    {
        ArgumentNullException.ThrowIfNull(kind);
        if (Zone is not null)
        {
            reason = kind.HasEvent(ZoneTrippedEvent) ? "" : $"kind '{kind.Name}' has no '{ZoneTrippedEvent}' event";
            return reason.Length == 0;
        }

        if (Event is not null)
        {
            reason = kind.HasEvent(Event) ? "" : $"kind '{kind.Name}' has no '{Event}' event";
            return reason.Length == 0;
        }

        if (Suppressed is not null)
        {
            reason = kind.HasEvent(Suppressed) ? "" : $"kind '{kind.Name}' has no '{Suppressed}' event";
            return reason.Length == 0;
        }

        var missing = Targets.Select(t => t.Metric).Append(Frozen).OfType<string>().Where(m => kind.Metric(m) is null).ToList();
        reason = missing.Count == 0 ? "" : $"kind '{kind.Name}' has no metric {string.Join(", ", missing)}";
        return missing.Count == 0;
    }
}
