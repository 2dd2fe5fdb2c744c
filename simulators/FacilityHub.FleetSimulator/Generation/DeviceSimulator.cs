using System.Text;
using FacilityHub.FleetSimulator.Topology;

namespace FacilityHub.FleetSimulator.Generation;

/// <summary>
/// One simulated device: keeps each metric's current level, moves it towards its target (nominal, or
/// a fault's) a little each reading, and adds noise. Deterministic for a given seed and sequence of calls.
/// </summary>
public sealed class DeviceSimulator
{
    /// <summary>Kind name of home alarm panels, which send heartbeats and report battery sparsely.</summary>
    public const string HomeAlarmKind = "home_alarm";

    /// <summary>Heartbeat event of a home alarm, sent every interval.</summary>
    public const string HeartbeatEvent = "heartbeat";

    /// <summary>A home alarm reports its telemetry (battery) once in this many intervals.</summary>
    public const int HomeAlarmTelemetryEvery = 10;

    /// <summary>Event of a dishwasher whose wash water was changed (counted by the hub's compliance rule).</summary>
    public const string WaterChangedEvent = "water_changed";

    /// <summary>A kind with a <see cref="WaterChangedEvent"/> sends one every this many intervals (on the first of them, so a run that starts mid-period has one).</summary>
    public const int WaterChangeEvery = 4;

    /// <summary>Padding of an oversized payload: past the hub's 16 KiB limit.</summary>
    public const int OversizedBytes = 20 * 1024;

    private readonly Random _random;
    private readonly MetricState[] _metrics;
    private readonly List<FaultSpec> _faults = [];
    private List<FleetMessage>? _heldBack;
    private long _readings;

    public DeviceSimulator(DeviceSpec device, int seed)
    {
        ArgumentNullException.ThrowIfNull(device);
        Device = device;
        _random = new Random(seed);
        _metrics = device.Kind.Metrics.Select(m => new MetricState(m, SignalProfiles.For(device.Kind, m))).ToArray();
    }

    public DeviceSpec Device { get; }

    /// <summary>Faults in effect, oldest first.</summary>
    public IReadOnlyList<FaultSpec> ActiveFaults => _faults;

    /// <summary>What the device sends at the next interval.</summary>
    public IReadOnlyList<FleetMessage> Next(DateTimeOffset timestamp)
    {
        var reading = _readings++;
        var values = new KeyValuePair<string, double>[_metrics.Length];
        for (var i = 0; i < _metrics.Length; i++)
        {
            var value = _metrics[i].Step(Target(_metrics[i]), _random);
            values[i] = new(_metrics[i].Spec.Name, _metrics[i].Frozen ?? value);
            _metrics[i].LastSent = values[i].Value;
        }

        // A silent device still steps its signals (the random sequence stays the same) but sends nothing.
        if (_faults.Exists(f => f.Silent))
        {
            return [];
        }

        var messages = new List<FleetMessage>(2);
        if (Device.Kind.Name != HomeAlarmKind)
        {
            messages.Add(new TelemetryMessage(Device, timestamp, values));
        }
        else
        {
            if (Device.Kind.HasEvent(HeartbeatEvent))
            {
                messages.Add(new EventMessage(Device, timestamp, HeartbeatEvent));
            }

            // The battery level still evolves every interval (so the random sequence does not depend on
            // this); it is only sent every tenth, as a panel on battery would.
            if (reading % HomeAlarmTelemetryEvery == 0 && values.Length > 0)
            {
                messages.Add(new TelemetryMessage(Device, timestamp, values));
            }
        }

        if (Device.Kind.HasEvent(WaterChangedEvent) && reading % WaterChangeEvery == 0)
        {
            messages.Add(new EventMessage(Device, timestamp, WaterChangedEvent));
        }

        return Spoil(messages);
    }

    /// <summary>Puts <paramref name="fault"/> into effect; returns the events it causes at once (a tripped zone).</summary>
    /// <exception cref="ArgumentException">The fault does not fit the device's kind.</exception>
    public IReadOnlyList<FleetMessage> StartFault(FaultSpec fault, DateTimeOffset timestamp)
    {
        ArgumentNullException.ThrowIfNull(fault);
        if (!fault.AppliesTo(Device.Kind, out var reason))
        {
            throw new ArgumentException($"fault '{fault.Name}' does not fit {Device.EquipmentId}: {reason}", nameof(fault));
        }

        if (_faults.Contains(fault))
        {
            return [];
        }

        _faults.Add(fault);
        if (fault.Frozen is { } frozen)
        {
            var metric = Array.Find(_metrics, m => m.Spec.Name == frozen)!;
            metric.Frozen = metric.LastSent ?? metric.Signal.Nominal;
        }

        if (fault.Zone is { } zone)
        {
            return [new EventMessage(Device, timestamp, FaultSpec.ZoneTrippedEvent, zone)];
        }

        return fault.Event is { } name ? [new EventMessage(Device, timestamp, name)] : [];
    }

    /// <summary>Ends <paramref name="fault"/>; returns the events that causes (a restored zone). Metrics recover gradually.</summary>
    public IReadOnlyList<FleetMessage> ClearFault(FaultSpec fault, DateTimeOffset timestamp)
    {
        ArgumentNullException.ThrowIfNull(fault);
        if (!_faults.Remove(fault))
        {
            return [];
        }

        if (fault.Frozen is { } frozen && !_faults.Exists(f => f.Frozen == frozen))
        {
            Array.Find(_metrics, m => m.Spec.Name == frozen)!.Frozen = null;
        }

        // Readings held back by an out-of-order fault still go out, late.
        var messages = new List<FleetMessage>();
        if (_heldBack is not null && !_faults.Exists(f => f.Messages == MessageFault.OutOfOrder))
        {
            messages.AddRange(_heldBack);
            _heldBack = null;
        }

        if (fault.Zone is { } zone && Device.Kind.HasEvent(FaultSpec.ZoneRestoredEvent))
        {
            messages.Add(new EventMessage(Device, timestamp, FaultSpec.ZoneRestoredEvent, zone));
        }

        return messages;
    }

    // What the device's faults do to the messages of one interval on their way out.
    private List<FleetMessage> Spoil(List<FleetMessage> messages)
    {
        foreach (var fault in _faults)
        {
            if (fault.Suppressed is { } suppressed)
            {
                messages.RemoveAll(m => m is EventMessage e && e.Event == suppressed);
            }
        }

        if (messages.Count == 0)
        {
            return messages;
        }

        foreach (var fault in _faults)
        {
            switch (fault.Messages)
            {
                case MessageFault.Malformed:
                    messages.Add(Malformed(messages[0]));
                    break;
                case MessageFault.Oversized:
                    messages.Add(Oversized(messages[0]));
                    break;
                case MessageFault.Duplicate:
                    messages = [.. messages.SelectMany(m => m is RawMessage ? [m] : new[] { m, Repeat(m) })];
                    break;
                case MessageFault.OutOfOrder when _heldBack is null:
                    _heldBack = messages;
                    return [];
                case MessageFault.OutOfOrder:
                    messages.AddRange(_heldBack);
                    _heldBack = null;
                    break;
            }
        }

        return messages;
    }

    private static RawMessage Repeat(FleetMessage message) =>
        new(message.Device, message.Timestamp, message.Topic, PayloadWriter.ToJson(message), "duplicate");

    // Three ways firmware gets JSON wrong, in turn: cut short, a NaN literal, not an object.
    private RawMessage Malformed(FleetMessage message)
    {
        var json = Encoding.UTF8.GetString(PayloadWriter.ToJson(message));
        var broken = (_readings % 3) switch
        {
            0 => json[..(json.Length / 2)],
            1 => $"{{\"ts\":\"{PayloadWriter.FormatTimestamp(message.Timestamp)}\",\"device\":\"{Device.EquipmentId}\",\"values\":{{\"x\":NaN}}}}",
            _ => "[1,2,3]",
        };
        return new RawMessage(Device, message.Timestamp, message.Topic, Encoding.UTF8.GetBytes(broken), "malformed_json");
    }

    private RawMessage Oversized(FleetMessage message)
    {
        var json = $"{{\"ts\":\"{PayloadWriter.FormatTimestamp(message.Timestamp)}\",\"device\":\"{Device.EquipmentId}\",\"values\":{{}},\"note\":\"{new string('x', OversizedBytes)}\"}}";
        return new RawMessage(Device, message.Timestamp, message.Topic, Encoding.UTF8.GetBytes(json), "oversized");
    }

    // The latest fault that drives the metric wins; without one the metric heads for its nominal value.
    private (double Value, double Noise) Target(MetricState metric)
    {
        for (var i = _faults.Count - 1; i >= 0; i--)
        {
            foreach (var target in _faults[i].Targets)
            {
                if (target.Metric == metric.Spec.Name)
                {
                    return (target.Value, target.Noise);
                }
            }
        }

        return (metric.Signal.Nominal, metric.Signal.Noise);
    }

    private sealed class MetricState(MetricSpec spec, MetricSignal signal)
    {
        private readonly (double Low, double High) _range = SignalProfiles.SensibleRange(spec);
        private double _level = signal.Nominal;

        public MetricSpec Spec { get; } = spec;

        public MetricSignal Signal { get; } = signal;

        /// <summary>The value sent last, null before the first reading.</summary>
        public double? LastSent { get; set; }

        /// <summary>Set while a stuck-sensor fault holds the metric at this value.</summary>
        public double? Frozen { get; set; }

        public double Step((double Value, double Noise) target, Random random)
        {
            _level += Signal.Response * (target.Value - _level);
            // Noise sits on top of the level and does not accumulate: the signal wanders, it does not drift.
            var value = _level + target.Noise * Math.Clamp(Gaussian(random), -3, 3);
            value = Math.Round(Math.Clamp(value, _range.Low, _range.High), Signal.Decimals, MidpointRounding.AwayFromZero);
            // Rounding can step over a bound that is not a round number; the hub rejects out-of-range values.
            return Math.Clamp(value, _range.Low, _range.High);
        }

        // Box-Muller: normal noise from the seeded generator (Random has no Gaussian of its own).
        private static double Gaussian(Random random)
        {
            var u1 = 1.0 - random.NextDouble();
            var u2 = random.NextDouble();
            return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
        }
    }
}
