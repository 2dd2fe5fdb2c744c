using System.Text;
using FacilityHub.FleetSimulator.Topology;

namespace FacilityHub.FleetSimulator.Generation;

/// <summary>
/// One simulated device: keeps each metric's current level, moves it towards its target (nominal, or
/// a fault's) a little each reading, and adds noise. A device with service periods (<see cref="DeviceSpec.Schedule"/>:
/// a canteen dishwasher's meals) follows its <see cref="ServiceDay"/>: its service metrics' targets depend on the time
/// of the reading, and it sends the schedule's event (water changes) as the hub's rule needs in each period.
/// Deterministic for a given seed and sequence of calls (and their timestamps).
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

    /// <summary>A device with a <see cref="WaterChangedEvent"/> but no service periods sends one every this many intervals (on the first of them).</summary>
    public const int WaterChangeEvery = 4;

    /// <summary>Padding of an oversized payload: past the hub's 16 KiB limit.</summary>
    public const int OversizedBytes = 20 * 1024;

    private readonly Random _random;
    private readonly MetricState[] _metrics;
    private readonly List<FaultSpec> _faults = [];
    private readonly ServiceDay? _day;
    private List<FleetMessage>? _heldBack;
    private long _readings;
    private DateTimeOffset? _lastReadingAt;

    public DeviceSimulator(DeviceSpec device, int seed)
    {
        ArgumentNullException.ThrowIfNull(device);
        Device = device;
        _random = new Random(seed);
        _metrics = device.Kind.Metrics.Select(m => new MetricState(m, SignalProfiles.For(device.Kind, m))).ToArray();
        _day = device.Schedule is { } schedule ? new ServiceDay(schedule) : null;
    }

    public DeviceSpec Device { get; }

    /// <summary>Faults in effect, oldest first.</summary>
    public IReadOnlyList<FaultSpec> ActiveFaults => _faults;

    /// <summary>Where the device is in its day at <paramref name="timestamp"/>: always in service without service periods,
    /// and while a fault that needs the running machine lasts.</summary>
    public ServicePhase PhaseAt(DateTimeOffset timestamp) =>
        _day is null || _faults.Exists(f => f.InService) ? ServicePhase.InService : _day.PhaseAt(timestamp);

    /// <summary>What the device sends at the next interval.</summary>
    public IReadOnlyList<FleetMessage> Next(DateTimeOffset timestamp)
    {
        var reading = _readings++;
        var inService = PhaseAt(timestamp) == ServicePhase.InService;
        var values = new KeyValuePair<string, double>[_metrics.Length];
        for (var i = 0; i < _metrics.Length; i++)
        {
            if (reading == 0 && _day is not null && _metrics[i].Signal.Role == ServiceRole.Heated && !inService)
            {
                // A run that starts mid-day finds the tanks where the day has them, not at service temperature.
                _metrics[i].Level = _day.Temperature(_metrics[i].Signal.Nominal, timestamp);
            }

            var value = _metrics[i].Step(Target(_metrics[i], timestamp, inService), _random);
            values[i] = new(_metrics[i].Spec.Name, _metrics[i].Frozen ?? value);
            _metrics[i].LastSent = values[i].Value;
        }

        var scheduled = ScheduledEvents(timestamp);

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

        if (_day is null && Device.Kind.HasEvent(WaterChangedEvent) && reading % WaterChangeEvery == 0)
        {
            messages.Add(new EventMessage(Device, timestamp, WaterChangedEvent));
        }

        messages.AddRange(scheduled);

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

        var messages = new List<FleetMessage>(2);
        if (fault.InService && PhaseAt(timestamp) != ServicePhase.InService)
        {
            var started = StartService(timestamp);
            if (!_faults.Exists(f => f.Silent))
            {
                messages.Add(started);
            }
        }

        _faults.Add(fault);
        if (fault.Frozen is { } frozen)
        {
            var metric = Array.Find(_metrics, m => m.Spec.Name == frozen)!;
            metric.Frozen = metric.LastSent ?? metric.Signal.Nominal;
        }

        if (fault.Zone is { } zone)
        {
            messages.Add(new EventMessage(Device, timestamp, FaultSpec.ZoneTrippedEvent, zone));
        }
        else if (fault.Event is { } name)
        {
            messages.Add(new EventMessage(Device, timestamp, name));
        }

        return messages;
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

    // Kitchen staff start an idle machine to reproduce a fault: a drill compresses the heat-up, so the tanks are at service
    // temperature at once, and a reading says the conveyor runs before the fault's own event (the hub gates on it).
    private TelemetryMessage StartService(DateTimeOffset timestamp)
    {
        var values = new KeyValuePair<string, double>[_metrics.Length];
        for (var i = 0; i < _metrics.Length; i++)
        {
            var metric = _metrics[i];
            if (metric.Signal.Role == ServiceRole.Heated)
            {
                metric.Level = metric.Signal.Nominal;
            }

            var value = metric.Signal.Role == ServiceRole.None ? metric.LastSent ?? metric.Signal.Nominal : metric.Signal.Nominal;
            values[i] = new(metric.Spec.Name, metric.Frozen ?? value);
            metric.LastSent = values[i].Value;
        }

        return new TelemetryMessage(Device, timestamp, values);
    }

    // The schedule's events due since the last reading. The first reading inside a period also sends those due earlier in
    // it (the machine ran before the simulator started), so the hub counts that period right. They go out a millisecond
    // apart, the last at the reading's time: the hub takes equal messages with equal timestamps for redeliveries.
    private List<FleetMessage> ScheduledEvents(DateTimeOffset timestamp)
    {
        if (_day is null)
        {
            return [];
        }

        var after = _lastReadingAt ?? (_day.Around(timestamp).Window is { } window && window.Start <= timestamp ? window.Start : timestamp);
        _lastReadingAt = timestamp;
        var due = _day.EventsBetween(after, timestamp);
        return [.. due.Select((_, i) => (FleetMessage)new EventMessage(Device, timestamp.AddMilliseconds(i - (due.Count - 1)), _day.Schedule.Event))];
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

    // The latest fault that drives the metric wins; without one the metric heads for its nominal value, or where the
    // device's day has it (a stopped conveyor, a tank heating up or cooling down).
    private (double Value, double Noise) Target(MetricState metric, DateTimeOffset timestamp, bool inService)
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

        return (_day, metric.Signal.Role) switch
        {
            (null, _) or (_, ServiceRole.None) => (metric.Signal.Nominal, metric.Signal.Noise),
            (_, ServiceRole.RunsInService) => (inService ? metric.Signal.Nominal : 0, 0),
            (_, ServiceRole.Heated) => (inService ? metric.Signal.Nominal : _day.Temperature(metric.Signal.Nominal, timestamp), metric.Signal.Noise),
            _ => throw new InvalidOperationException($"unknown service role {metric.Signal.Role}"),
        };
    }

    private sealed class MetricState(MetricSpec spec, MetricSignal signal)
    {
        private readonly (double Low, double High) _range = SignalProfiles.SensibleRange(spec);

        public MetricSpec Spec { get; } = spec;

        public MetricSignal Signal { get; } = signal;

        /// <summary>Where the signal stands, before noise.</summary>
        public double Level { get; set; } = signal.Nominal;

        /// <summary>The value sent last, null before the first reading.</summary>
        public double? LastSent { get; set; }

        /// <summary>Set while a stuck-sensor fault holds the metric at this value.</summary>
        public double? Frozen { get; set; }

        public double Step((double Value, double Noise) target, Random random)
        {
            Level += Signal.Response * (target.Value - Level);
            // Noise sits on top of the level and does not accumulate: the signal wanders, it does not drift.
            var value = Level + target.Noise * Math.Clamp(Gaussian(random), -3, 3);
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
