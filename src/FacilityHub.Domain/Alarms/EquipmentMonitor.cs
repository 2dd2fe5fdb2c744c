using System.Globalization;
using System.Runtime.CompilerServices;
using FacilityHub.Domain.Telemetry;
using FacilityHub.Domain.Topology;

namespace FacilityHub.Domain.Alarms;

/// <summary>
/// Runs an item's rules over its telemetry, events and the clock, and reports each alarm condition that
/// starts or clears. Each rule has a raw condition (what the latest data says) and a reported one; the
/// on-delay and off-delay stand between them, so a blip shorter than the delay changes nothing.
/// Time-driven rules (stale, compliance, delays, clear-after) move on <see cref="Tick"/>, which the caller
/// runs at <see cref="NextDueAt"/>. A new monitor does not know the reported states: the first verdict on
/// each rule is reported either way, so a restarted hub re-synchronises its durable alarms (raising an
/// alarm that is already active is a no-op downstream).
/// </summary>
public sealed class EquipmentMonitor
{
    // The metrics a kind's monitors keep the latest value of, in slot order: shared by every item of the kind.
    private static readonly ConditionalWeakTable<EquipmentKind, string[]> MetricSlots = [];

    private readonly EquipmentKind _kind;
    // One monitor per item (100k alarm points: 100k monitors), so state is kept compact and allocated only once a rule
    // needs it: the latest values with the first reading (one slot per metric of the kind, NaN until read: readings are
    // finite), a rate rule's samples, a flatline or compliance rule's own fields.
    private readonly string[] _metrics;
    private double[]? _latest;
    // UTC ticks of the newest reading judged; 0 before the first.
    private long _newestReadingTicks;
    private readonly RuleState[] _rules;
    private DateTimeOffset _lastSeen;

    public EquipmentMonitor(EquipmentKind kind, DateTimeOffset start)
    {
        _kind = kind;
        _metrics = MetricSlots.GetValue(kind, static k => [.. k.Metrics.Keys.Concat(k.Rules.SelectMany(RuleMetrics)).Distinct(StringComparer.Ordinal)]);
        _lastSeen = start;
        _rules = [.. kind.Rules.Select(r => new RuleState(r))];
        foreach (ref var state in _rules.AsSpan())
        {
            if (state.Rule.Kind != RuleKind.Compliance) continue;
            // A period already under way when the monitor starts (e.g. after a restart) lost its count: not judged.
            state.Window = MealSchedule.CurrentOrNext(state.Rule.Periods, state.Rule.TimeZone, start);
            state.WindowJudged = state.Window.Start < start;
        }
    }

    /// <summary>When <see cref="Tick"/> next has something to do; null when nothing waits on the clock.</summary>
    public DateTimeOffset? NextDueAt
    {
        get
        {
            // Asked after every reading: no iterator, no copy of a rule's state (this used to be an eighth of the
            // hub's garbage per message; NOTES.md of the benchmark, section (6)).
            DateTimeOffset? next = null;
            foreach (ref readonly var s in _rules.AsSpan()) EarliestDue(in s, ref next);
            return next;
        }
    }

    public IReadOnlyList<ConditionChange> Observe(TelemetryReading reading, DateTimeOffset now)
    {
        var changes = new List<ConditionChange>();
        // A reading measured before one already judged arrived late: it is history (stored with its own time), not the
        // present, so it proves the device talks but moves no condition and makes no rate out of arrival order.
        if (_newestReadingTicks != 0 && reading.Timestamp.UtcTicks < _newestReadingTicks)
        {
            Seen(now, changes);
            return changes;
        }
        _newestReadingTicks = reading.Timestamp.UtcTicks;
        if (_latest is null)
        {
            _latest = new double[_metrics.Length];
            Array.Fill(_latest, double.NaN);
        }
        foreach (var v in reading.Values)
        {
            // A metric no rule and no kind knows is judged by nothing: not kept.
            int slot = Slot(v.Metric);
            if (slot >= 0) _latest[slot] = v.Value;
        }
        Seen(now, changes);
        foreach (ref var s in _rules.AsSpan())
        {
            var rule = s.Rule;
            switch (rule.Kind)
            {
                case RuleKind.Threshold when Touches(reading, rule, rule.Metric!) && GateOpen(rule) && TryLatest(rule.Metric!, out var value):
                    bool beyond = rule.Below is { } below
                        ? value < (s.Raw ? rule.ClearAt ?? below : below)
                        : value > (s.Raw ? rule.ClearAt ?? rule.Above!.Value : rule.Above!.Value);
                    Set(ref s, beyond, now, Reports(s, beyond) ? DescribeThreshold(rule, value, beyond) : null);
                    break;
                case RuleKind.RateOfChange when reading.Values.FirstOrDefault(v => v.Metric == rule.Metric) is { } sample:
                    // A rate between measurements is timed by when they were measured: arrival jitter (a broker or hub
                    // catching up) would turn noise into a steep slope.
                    var samples = s.Samples ??= new Queue<(DateTimeOffset At, double Value)>();
                    samples.Enqueue((reading.Timestamp, sample.Value));
                    while (samples.Count > 1 && reading.Timestamp - samples.Peek().At > rule.Window) samples.Dequeue();
                    if (!GateOpen(rule)) break;
                    var (since, from) = samples.Peek();
                    double seconds = (reading.Timestamp - since).TotalSeconds;
                    if (seconds <= 0) break;
                    double rate = (sample.Value - from) / seconds;
                    bool fast = rule.FallingPerSecond is { } fall ? rate < -fall : rate > rule.RisingPerSecond!.Value;
                    Set(ref s, fast, now, !Reports(s, fast) ? null : $"{rule.Metric} {(rate < 0 ? "falling" : "rising")} {Math.Abs(rate).ToString("0.###", CultureInfo.InvariantCulture)}/s " +
                        $"({(rule.FallingPerSecond is { } f ? $"limit {f.ToString(CultureInfo.InvariantCulture)}/s falling" : $"limit {rule.RisingPerSecond!.Value.ToString(CultureInfo.InvariantCulture)}/s rising")})");
                    break;
                case RuleKind.Flatline when reading.Values.FirstOrDefault(v => v.Metric == rule.Metric) is { } still:
                    if (!GateOpen(rule))
                    {
                        // Stopped equipment may read the same for hours: the count starts again when it runs.
                        s.StillSince = null;
                        break;
                    }
                    // Readings further apart than the limit prove nothing about the time between them: count again.
                    if (s.StillSince is null || Math.Abs(still.Value - s.StillValue) > rule.Tolerance || now - s.StillLastAt > rule.StaleAfter)
                    {
                        (s.StillValue, s.StillSince) = (still.Value, now);
                    }
                    s.StillLastAt = now;
                    bool stuck = now - s.StillSince.Value >= rule.StaleAfter;
                    Set(ref s, stuck, stuck ? s.StillSince.Value + rule.StaleAfter : now, !Reports(s, stuck) ? null :
                        $"{rule.Metric} {(stuck ? "stuck at" : "moving again at")} {still.Value.ToString("0.###", CultureInfo.InvariantCulture)} " +
                        $"{_kind.Metrics[rule.Metric!].Unit} (unchanged for {Seconds(now - s.StillSince.Value)}, limit {Seconds(rule.StaleAfter)})");
                    break;
                case RuleKind.Composite when rule.Conditions.Any(c => Touches(reading, rule, c.Metric)) && GateOpen(rule) && rule.Conditions.All(c => TryLatest(c.Metric, out _)):
                    bool all = rule.Conditions.All(c => c.HoldsFor(Latest(c.Metric)));
                    Set(ref s, all, now, !Reports(s, all) ? null : string.Join(", ", rule.Conditions.Select(c => $"{c.Metric} {Latest(c.Metric).ToString("0.###", CultureInfo.InvariantCulture)}")));
                    break;
                case RuleKind.Compliance when rule.OnlyWhen.Count > 0:
                    Roll(ref s, now, changes);
                    if (GateOpen(rule) && s.Window!.Start <= now && now < s.Window.End) s.GateHeld = true;
                    break;
            }
            Settle(ref s, now, changes);
        }
        return changes;
    }

    public IReadOnlyList<ConditionChange> Observe(DeviceEvent e, DateTimeOffset now)
    {
        var changes = new List<ConditionChange>();
        Seen(now, changes);
        foreach (ref var s in _rules.AsSpan())
        {
            var rule = s.Rule;
            if (rule.Kind == RuleKind.Event)
            {
                if (rule.Arming is { } arming && e.Name == arming.ArmEvent) s.Armed = true;
                else if (rule.Arming is { } disarming && e.Name == disarming.DisarmEvent) s.Armed = false;
                else if (e.Name == rule.Event && (rule.Zones.Count == 0 || (e.Zone is not null && rule.Zones.Contains(e.Zone))) && GateOpen(rule)
                    && !(rule.Arming is { } a && !s.Armed && e.Zone is not null && a.Zones.Contains(e.Zone)))
                {
                    Set(ref s, true, now, e.Zone is null ? e.Name : $"{e.Name} ({e.Zone})");
                    // Only a rule that clears itself after a while needs to know when (the others keep nothing).
                    if (rule.ClearAfter is not null) s.RaisedByEventAt = now;
                }
                else if (e.Name == rule.ClearEvent) Set(ref s, false, now, e.Zone is null ? e.Name : $"{e.Name} ({e.Zone})");
            }
            else if (rule.Kind == RuleKind.Compliance && e.Name == rule.Event)
            {
                Roll(ref s, now, changes);
                if (s.Window!.Start <= now && now < s.Window.End) s.Count++;
            }
            Settle(ref s, now, changes);
        }
        return changes;
    }

    /// <summary>Moves the time-driven rules on to <paramref name="now"/>.</summary>
    public IReadOnlyList<ConditionChange> Tick(DateTimeOffset now)
    {
        var changes = new List<ConditionChange>();
        foreach (ref var s in _rules.AsSpan())
        {
            var rule = s.Rule;
            if (rule.Kind == RuleKind.Stale && now - _lastSeen >= rule.StaleAfter)
            {
                Set(ref s, true, _lastSeen + rule.StaleAfter, $"no message for {Seconds(rule.StaleAfter)} (last at {_lastSeen:u})");
            }
            if (rule.ClearAfter is { } clearAfter && s.Raw && s.RaisedByEventAt is { } at && now - at >= clearAfter)
            {
                Set(ref s, false, at + clearAfter, $"nothing more for {Seconds(clearAfter)}");
            }
            if (rule.Kind == RuleKind.Compliance) Roll(ref s, now, changes);
            Settle(ref s, now, changes);
        }
        return changes;
    }

    private void Seen(DateTimeOffset now, List<ConditionChange> changes)
    {
        if (now > _lastSeen) _lastSeen = now;
        foreach (ref var s in _rules.AsSpan())
        {
            if (s.Rule.Kind != RuleKind.Stale) continue;
            Set(ref s, false, now, "messages again");
            Settle(ref s, now, changes);
        }
    }

    /// <summary>Judges the compliance periods that ended by <paramref name="now"/> and clears a finding when the next period starts.</summary>
    private static void Roll(ref RuleState s, DateTimeOffset now, List<ConditionChange> changes)
    {
        var rule = s.Rule;
        while (s.Window!.End <= now)
        {
            var ended = s.Window;
            // With only_when, a period in which the gate never held (the machine did not run, or said nothing) is not judged.
            if (!s.WindowJudged && (rule.OnlyWhen.Count == 0 || s.GateHeld))
            {
                bool missed = s.Count < ended.Period.Minimum;
                s.Judged = ended;
                Set(ref s, missed, ended.End, $"{ended.Period.Name} {ended.Start.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}: {s.Count} {rule.Event}, {ended.Period.Minimum} required");
                Settle(ref s, ended.End, changes);
            }
            s.Window = MealSchedule.CurrentOrNext(rule.Periods, rule.TimeZone, ended.End);
            s.WindowJudged = false;
            s.GateHeld = false;
            s.Count = 0;
        }
        var window = s.Window!;
        if (s.Raw && now >= window.Start)
        {
            Set(ref s, false, window.Start, $"{window.Period.Name} started");
            Settle(ref s, window.Start, changes);
        }
    }

    /// <summary>Whether a raw condition of <paramref name="raw"/> is (or will be, after its delay) reported: only then is
    /// a message worth formatting. Most readings confirm what was reported, and format nothing.</summary>
    private static bool Reports(in RuleState s, bool raw) => raw != s.Reported;

    /// <summary>Moves the raw condition. The message is kept only while it may still be reported (null otherwise: one
    /// string per rule of 100k items would stay for nothing).</summary>
    private static void Set(ref RuleState s, bool raw, DateTimeOffset at, string? message)
    {
        if (raw != s.Raw || s.RawSince is null)
        {
            s.Raw = raw;
            s.RawSince = at;
        }
        s.Message = message;
    }

    /// <summary>Reports the raw condition once it has held for the rule's delay (at once when the state is unknown and clear).</summary>
    private static void Settle(ref RuleState s, DateTimeOffset now, List<ConditionChange> changes)
    {
        if (s.RawSince is not { } since || s.Reported == s.Raw) return;
        var delay = s.Raw ? s.Rule.OnDelay : s.Reported is null ? TimeSpan.Zero : s.Rule.OffDelay;
        if (now - since < delay) return;
        s.Reported = s.Raw;
        changes.Add(new ConditionChange(s.Rule, s.Raw, since + delay, s.Message ?? "", s.Raw && s.Rule.Kind == RuleKind.Compliance ? s.Judged : null));
        s.Message = null;
    }

    /// <summary>Moves <paramref name="next"/> to the earliest time the rule of <paramref name="s"/> waits for, if earlier.</summary>
    private void EarliestDue(in RuleState s, ref DateTimeOffset? next)
    {
        var rule = s.Rule;
        if (s.RawSince is { } since && s.Reported != s.Raw) Earlier(ref next, since + (s.Raw ? rule.OnDelay : s.Reported is null ? TimeSpan.Zero : rule.OffDelay));
        if (rule.Kind == RuleKind.Stale && !s.Raw) Earlier(ref next, _lastSeen + rule.StaleAfter);
        if (rule.ClearAfter is { } clearAfter && s.Raw && s.RaisedByEventAt is { } at) Earlier(ref next, at + clearAfter);
        if (rule.Kind == RuleKind.Compliance)
        {
            Earlier(ref next, s.Window!.End);
            if (s.Raw) Earlier(ref next, s.Window.Start);
        }
    }

    private static void Earlier(ref DateTimeOffset? next, DateTimeOffset due)
    {
        if (next is null || due < next) next = due;
    }

    private bool GateOpen(RuleDefinition rule) =>
        rule.OnlyWhen.Count == 0 || (_latest is not null && rule.OnlyWhen.All(c => TryLatest(c.Metric, out var v) && c.HoldsFor(v)));

    private int Slot(string metric)
    {
        for (int i = 0; i < _metrics.Length; i++)
        {
            if (string.Equals(_metrics[i], metric, StringComparison.Ordinal)) return i;
        }
        return -1;
    }

    private bool TryLatest(string metric, out double value)
    {
        int slot = _latest is null ? -1 : Slot(metric);
        value = slot >= 0 ? _latest![slot] : double.NaN;
        return !double.IsNaN(value);
    }

    private double Latest(string metric) => TryLatest(metric, out var value) ? value : throw new KeyNotFoundException(metric);

    private static IEnumerable<string> RuleMetrics(RuleDefinition rule) =>
        rule.OnlyWhen.Select(c => c.Metric).Concat(rule.Conditions.Select(c => c.Metric)).Concat(rule.Metric is { } m ? [m] : []);

    /// <summary>A rule is re-judged when the reading carries its metric or one of its gate's metrics.</summary>
    private static bool Touches(TelemetryReading reading, RuleDefinition rule, string metric) =>
        reading.Values.Any(v => v.Metric == metric || rule.OnlyWhen.Any(c => c.Metric == v.Metric));

    private string DescribeThreshold(RuleDefinition rule, double value, bool active)
    {
        string unit = _kind.Metrics[rule.Metric!].Unit;
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

    private static string Seconds(TimeSpan span) => $"{span.TotalSeconds.ToString("0.#", CultureInfo.InvariantCulture)} s";

    /// <summary>A rule's state: 40 bytes inline in the monitor's array (4 per home alarm point, 100k points; a class was
    /// 112 with its header and the array's reference), so times are packed and what only one kind of rule needs (a rate
    /// rule's samples, an event rule's raise time, a flatline or compliance rule's fields) lives in one part allocated
    /// for that rule once used. Always handled by reference (<c>ref</c>): a copy would change nothing.</summary>
    private struct RuleState(RuleDefinition rule)
    {
        private object? _part;
        // RawSince as UTC ticks (0: none) and its offset in minutes, as given.
        private long _rawSinceTicks;
        private short _rawSinceOffset;

        public RuleDefinition Rule { get; } = rule;
        public bool? Reported { get; set; }
        public bool Raw { get; set; }
        public bool Armed { get; set; } = true;
        public string? Message { get; set; }

        public DateTimeOffset? RawSince
        {
            get => _rawSinceTicks == 0 ? null : new DateTimeOffset(_rawSinceTicks, TimeSpan.Zero).ToOffset(TimeSpan.FromMinutes(_rawSinceOffset));
            set => (_rawSinceTicks, _rawSinceOffset) = value is { } v ? (v.UtcTicks, (short)v.Offset.TotalMinutes) : (0, (short)0);
        }

        /// <summary>A rate rule's recent samples; null for other rules (and until the first sample).</summary>
        public Queue<(DateTimeOffset At, double Value)>? Samples { get => _part as Queue<(DateTimeOffset At, double Value)>; set => _part = value; }
        public DateTimeOffset? RaisedByEventAt { get => (_part as EventPart)?.RaisedAt; set => Part<EventPart>().RaisedAt = value; }

        public MealWindow? Window { get => Compliance?.Window; set => Part<CompliancePart>().Window = value; }

        /// <summary>The compliance period judged last: the one a finding is about.</summary>
        public MealWindow? Judged { get => Compliance?.Judged; set => Part<CompliancePart>().Judged = value; }
        public bool WindowJudged { get => Compliance?.WindowJudged ?? false; set => Part<CompliancePart>().WindowJudged = value; }
        public int Count { get => Compliance?.Count ?? 0; set => Part<CompliancePart>().Count = value; }
        public bool GateHeld { get => Compliance?.GateHeld ?? false; set => Part<CompliancePart>().GateHeld = value; }
        public DateTimeOffset? StillSince { get => Flatline?.StillSince; set => Part<FlatlinePart>().StillSince = value; }
        public double StillValue { get => Flatline?.StillValue ?? 0; set => Part<FlatlinePart>().StillValue = value; }
        public DateTimeOffset StillLastAt { get => Flatline?.StillLastAt ?? default; set => Part<FlatlinePart>().StillLastAt = value; }

        private readonly CompliancePart? Compliance => _part as CompliancePart;
        private readonly FlatlinePart? Flatline => _part as FlatlinePart;

        private T Part<T>() where T : class, new() =>
            _part as T ?? (_part is null ? (T)(_part = new T()) : throw new InvalidOperationException($"rule '{Rule.Id}' keeps {_part.GetType().Name}, not {typeof(T).Name}"));

        private sealed class EventPart
        {
            public DateTimeOffset? RaisedAt { get; set; }
        }

        private sealed class CompliancePart
        {
            public MealWindow? Window { get; set; }
            public MealWindow? Judged { get; set; }
            public bool WindowJudged { get; set; }
            public int Count { get; set; }
            public bool GateHeld { get; set; }
        }

        private sealed class FlatlinePart
        {
            public DateTimeOffset? StillSince { get; set; }
            public double StillValue { get; set; }
            public DateTimeOffset StillLastAt { get; set; }
        }
    }
}
