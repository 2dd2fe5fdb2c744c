using System.Globalization;
using FacilityHub.Domain.Telemetry;
using FacilityHub.Domain.Topology;

namespace FacilityHub.Domain.Alarms;

/// <summary>
/// Evaluates an equipment kind's rules against one item's telemetry and events, and reports each condition
/// that starts or clears. A freshly created monitor does not know the conditions' states: its first
/// evaluation of each rule is reported either way, so that a restarted hub re-synchronises the alarms
/// (raising an alarm that is already active is a no-op downstream).
/// A threshold rule whose <c>only_when</c> gate is closed (e.g. the pump is not running) keeps its state.
/// </summary>
public sealed class EquipmentMonitor(EquipmentKind kind)
{
    private readonly Dictionary<string, double> _latest = new(StringComparer.Ordinal);
    private readonly Dictionary<string, bool> _active = new(StringComparer.Ordinal);

    public IReadOnlyList<ConditionChange> Observe(TelemetryReading reading)
    {
        foreach (var v in reading.Values) _latest[v.Metric] = v.Value;

        List<ConditionChange>? changes = null;
        foreach (var rule in kind.Rules)
        {
            if (rule.Kind != RuleKind.Threshold || !_latest.TryGetValue(rule.Metric!, out var value)) continue;
            if (!reading.Values.Any(v => v.Metric == rule.Metric || v.Metric == rule.OnlyWhenMetric)) continue;
            if (rule.OnlyWhenMetric is { } gate && (!_latest.TryGetValue(gate, out var g) || g != rule.OnlyWhenEquals)) continue;

            bool wasActive = _active.TryGetValue(rule.Id, out var a) && a;
            bool active = rule.Below is { } below
                ? value < (wasActive ? rule.ClearAt ?? below : below)
                : value > (wasActive ? rule.ClearAt ?? rule.Above!.Value : rule.Above!.Value);
            if (_active.TryGetValue(rule.Id, out var known) && known == active) continue;
            _active[rule.Id] = active;
            (changes ??= []).Add(new ConditionChange(rule, active, reading.Timestamp, Describe(rule, value, active)));
        }
        return changes ?? (IReadOnlyList<ConditionChange>)[];
    }

    public IReadOnlyList<ConditionChange> Observe(DeviceEvent e)
    {
        List<ConditionChange>? changes = null;
        foreach (var rule in kind.Rules)
        {
            if (rule.Kind != RuleKind.Event) continue;
            bool? active = e.Name == rule.Event && (rule.Zones.Count == 0 || (e.Zone is not null && rule.Zones.Contains(e.Zone))) ? true
                : e.Name == rule.ClearEvent ? false
                : null;
            if (active is not { } now || (_active.TryGetValue(rule.Id, out var known) && known == now)) continue;
            _active[rule.Id] = now;
            string message = now ? $"{e.Name}{(e.Zone is null ? "" : $" ({e.Zone})")}" : $"{e.Name}";
            (changes ??= []).Add(new ConditionChange(rule, now, e.Timestamp, message));
        }
        return changes ?? (IReadOnlyList<ConditionChange>)[];
    }

    /// <summary>"outlet_pressure_bar 0.3 bar (below 1)" when it starts, "... 3.2 bar (back above 2)" when it clears.</summary>
    private string Describe(RuleDefinition rule, double value, bool active)
    {
        string unit = kind.Metrics[rule.Metric!].Unit;
        string Number(double d) => d.ToString(CultureInfo.InvariantCulture);
        string limit = (rule.Below, active) switch
        {
            ({ } b, true) => $"below {Number(b)}",
            ({ } b, false) => $"back above {Number(rule.ClearAt ?? b)}",
            (null, true) => $"above {Number(rule.Above!.Value)}",
            (null, false) => $"back below {Number(rule.ClearAt ?? rule.Above!.Value)}",
        };
        return $"{rule.Metric} {value.ToString("0.###", CultureInfo.InvariantCulture)} {unit} ({limit})";
    }
}
