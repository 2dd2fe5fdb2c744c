using FacilityHub.FleetSimulator.Topology;

namespace FacilityHub.FleetSimulator.Generation;

/// <summary>
/// The injected faults checked against the topology and laid out in time: each start, and its clear
/// when <c>--clear-after</c> is given. Hands out transitions as they fall due.
/// </summary>
public sealed class FaultPlan
{
    private readonly List<FaultTransition> _transitions;
    private int _next;

    private FaultPlan(List<FaultTransition> transitions) => _transitions = transitions;

    /// <summary>All transitions, in time order.</summary>
    public IReadOnlyList<FaultTransition> Transitions => _transitions;

    /// <summary>When the next transition falls due, or null when none is left.</summary>
    public TimeSpan? NextAt => _next < _transitions.Count ? _transitions[_next].At : null;

    /// <summary>Checks every injection against the topology and the fault catalog.</summary>
    /// <exception cref="ArgumentException">An unknown fault or equipment, or a fault that does not fit the device's kind; the message says which.</exception>
    public static FaultPlan Create(FleetTopology topology, IEnumerable<FaultInjection> injections, TimeSpan? clearAfter)
    {
        ArgumentNullException.ThrowIfNull(topology);
        ArgumentNullException.ThrowIfNull(injections);
        if (clearAfter is { } c && c <= TimeSpan.Zero)
        {
            throw new ArgumentException("--clear-after must be more than 0 seconds", nameof(clearAfter));
        }

        var transitions = new List<FaultTransition>();
        foreach (var injection in injections)
        {
            if (injection.ClearAfter is { } own && own <= TimeSpan.Zero)
            {
                throw new ArgumentException($"the fault {injection} must last more than 0 seconds", nameof(injections));
            }

            var fault = FaultCatalog.Find(injection.Fault)
                ?? throw new ArgumentException(
                    $"unknown fault '{injection.Fault}' in --inject {injection}; known faults: {string.Join(", ", FaultCatalog.All.Select(f => f.Name))}");
            var device = topology.Device(injection.EquipmentId)
                ?? throw new ArgumentException($"unknown equipment '{injection.EquipmentId}' in --inject {injection}; it is not in the topology");
            if (!fault.AppliesTo(device.Kind, out var reason))
            {
                var fitting = FaultCatalog.All.Where(f => f.AppliesTo(device.Kind, out _)).Select(f => f.Name).ToList();
                throw new ArgumentException(
                    $"fault '{fault.Name}' does not fit {device.EquipmentId} in --inject {injection}: {reason}; faults for it: " +
                    (fitting.Count == 0 ? "none" : string.Join(", ", fitting)));
            }

            transitions.Add(new FaultTransition(injection.After, device, fault, Starts: true));
            if ((injection.ClearAfter ?? clearAfter) is { } after)
            {
                transitions.Add(new FaultTransition(injection.After + after, device, fault, Starts: false));
            }
        }

        // Stable sort: at the same instant, transitions keep the order they were given in.
        return new FaultPlan([.. transitions.OrderBy(t => t.At)]);
    }

    /// <summary>Transitions due at <paramref name="elapsed"/> that were not handed out before.</summary>
    public IReadOnlyList<FaultTransition> TakeDue(TimeSpan elapsed)
    {
        var start = _next;
        while (_next < _transitions.Count && _transitions[_next].At <= elapsed)
        {
            _next++;
        }

        return _transitions.GetRange(start, _next - start);
    }
}
