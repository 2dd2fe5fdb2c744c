using System.Collections.Immutable;
using FacilityHub.Domain.Alarms;
using FacilityHub.Domain.Telemetry;
using FacilityHub.Domain.Topology;
using FacilityHub.Domain.Maintenance;
using FacilityHub.Grains.Alarms;
using FacilityHub.Grains.Maintenance;
using FacilityHub.Domain.Quality;
using FacilityHub.Grains.Quality;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;

namespace FacilityHub.Grains.Equipment;

/// <summary>Keeps the latest readings in memory (history lives in InfluxDB) and runs the item's rules; a condition
/// that starts or clears is handed to the alarm grain of (item, rule), which is durable. Rules that need the clock
/// (stale, delays, compliance periods) run when the silo's <see cref="EquipmentClock"/> calls at the monitor's next due
/// time; the grain is kept active, so a device that falls silent is noticed without a message.
/// A new monitor's first verdict on each rule is reported either way (to re-synchronise durable alarms after a restart);
/// a "clear" goes only to an alarm that may be active — one named in the item's <see cref="RaisedRulesState"/>, stored
/// no later than the alarm — so the first heartbeat does not activate an alarm grain per rule (~2 KB each) for 100k quiet
/// items; an alarm not named there was never stored, and is raised without reading it first.</summary>
[KeepAlive]
public sealed class EquipmentGrain(TimeProvider time, EquipmentClock clock) : Grain, IEquipmentGrain
{
    private const string RaisedRulesStateName = "raised";
    // What nearly every item reads on its first verdict (it never raised anything): one shared marker, not a state each.
    private static readonly GrainState<RaisedRulesState> NoneRaised = new(new RaisedRulesState());

    // Per item, so kept small (100k home alarm points are 100k grains): collections only once needed, metric and event
    // names shared with the kind instead of the copies each message brings, times as ticks. The estate and maintenance
    // setup are read at activation only (not kept: two references per grain).
    // Latest reading per metric, in the order first read; null until the first telemetry (most alarm points send
    // heartbeats, rarely a reading, and only one metric: an array, not a dictionary). Values in place (ReadingView is a
    // struct): 32 instead of 56 bytes a metric, and nothing per message for the collector to carry over (NOTES.md of
    // the benchmark, section (7)).
    private ReadingView[]? _readings;
    private EquipmentItem _item = null!;
    private EquipmentMonitor _monitor = null!;
    // When the monitor is next due, as the clock knows it.
    private ClockCall _clockCall = null!;
    // The newest message time (UTC ticks, 0 before the first) and its offset in minutes, as the device sent it.
    private long _lastSeenTicks;
    private short _lastSeenOffset;
    private string? _lastEvent;
    private string? _lastEventZone;
    // Metrics that runtime-based maintenance plans count on this item, with the running state last handed to their
    // meter; null when no plan counts this item's runtime.
    private Dictionary<string, bool?>? _runtimeMetrics;
    // Read on the first verdict that needs it (not at activation: 100k reads would slow the hub's start), then kept;
    // NoneRaised when nothing was ever stored.
    private GrainState<RaisedRulesState>? _raised;
    // A write of that record failed in this activation: an alarm may be stored that the record does not name.
    private bool _recordUnsure;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _item = ServiceProvider.GetRequiredService<Estate>().TryGetEquipment(this.GetPrimaryKeyString(), out var item)
            ? item
            : throw new ArgumentException($"equipment '{this.GetPrimaryKeyString()}' is not in the topology");
        _monitor = new EquipmentMonitor(_item.Kind, time.GetUtcNow());
        _clockCall = new ClockCall(_item.Id);
        var counted = ServiceProvider.GetRequiredService<MaintenanceSetup>().Plans.Where(p => p.Runtime is not null && p.Covers(_item)).Select(p => p.Runtime!.Metric).Distinct().ToList();
        _runtimeMetrics = counted.Count == 0 ? null : counted.ToDictionary(m => m, _ => (bool?)null, StringComparer.Ordinal);
        ScheduleTick();
        return Task.CompletedTask;
    }

    public Task StartWatching() => Task.CompletedTask;

    public async Task RecordTelemetry(TelemetryMessage message)
    {
        var values = new MetricValue[message.Values.Length];
        for (int i = 0; i < values.Length; i++)
        {
            var s = message.Values[i];
            var metric = _item.Kind.Metrics.TryGetValue(s.Metric, out var definition) ? definition.Name : s.Metric;
            values[i] = new MetricValue(metric, s.Value);
            KeepReading(new ReadingView(metric, s.Value, message.Timestamp));
        }
        Touch(message.Timestamp);
        await RaiseOrClear(_monitor.Observe(new TelemetryReading(_item.Id, message.Timestamp, values), time.GetUtcNow()));
        if (_runtimeMetrics is not null) await CountRuntimeAsync(message, _runtimeMetrics);
    }

    private void KeepReading(ReadingView reading)
    {
        if (_readings is null)
        {
            _readings = [reading];
            return;
        }
        for (int i = 0; i < _readings.Length; i++)
        {
            if (string.Equals(_readings[i].Metric, reading.Metric, StringComparison.Ordinal))
            {
                _readings[i] = reading;
                return;
            }
        }
        Array.Resize(ref _readings, _readings.Length + 1);
        _readings[^1] = reading;
    }

    /// <summary>Hands a change of a counted running metric to its meter: a grain call per start and stop, not per message.</summary>
    private async Task CountRuntimeAsync(TelemetryMessage message, Dictionary<string, bool?> runtimeMetrics)
    {
        foreach (var sample in message.Values)
        {
            if (!runtimeMetrics.TryGetValue(sample.Metric, out var last)) continue;
            bool running = sample.Value >= 0.5;
            if (last == running) continue;
            await GrainFactory.Ref<IRuntimeMeterGrain>($"{_item.Id}/{sample.Metric}").Observe(message.Timestamp, running);
            runtimeMetrics[sample.Metric] = running;
        }
    }

    public Task RecordEvent(EventMessage message)
    {
        // The gate let only the kind's own events through: a handful of names, shared by every item through the pool.
        _lastEvent = string.Intern(message.Name);
        _lastEventZone = message.Zone;
        Touch(message.Timestamp);
        return RaiseOrClear(_monitor.Observe(new DeviceEvent(_item.Id, message.Timestamp, message.Name, message.Zone), time.GetUtcNow()));
    }

    public Task<EquipmentSnapshot> GetSnapshot() =>
        Task.FromResult(new EquipmentSnapshot(this.GetPrimaryKeyString(), [.. (_readings ?? []).OrderBy(r => r.Metric, StringComparer.Ordinal)], LastSeen,
            _lastEventZone is null ? _lastEvent : $"{_lastEvent} ({_lastEventZone})"));

    public Task Tick()
    {
        return RaiseOrClear(_monitor.Tick(time.GetUtcNow()));
    }

    private DateTimeOffset? LastSeen => _lastSeenTicks == 0 ? null : new DateTimeOffset(_lastSeenTicks, TimeSpan.Zero).ToOffset(TimeSpan.FromMinutes(_lastSeenOffset));

    private void Touch(DateTimeOffset at)
    {
        if (_lastSeenTicks == 0 || at.UtcTicks > _lastSeenTicks) (_lastSeenTicks, _lastSeenOffset) = (at.UtcTicks, (short)at.Offset.TotalMinutes);
    }

    private async Task RaiseOrClear(IReadOnlyList<ConditionChange> changes)
    {
        foreach (var change in changes)
        {
            var alarm = GrainFactory.Ref<IAlarmGrain>(AlarmKeys.Tag(_item.Id, change.Rule.Id));
            var raised = _raised ??= await ReadRaisedRulesAsync();
            if (change.Active)
            {
                // An alarm this item never raised (nor had suppressed) was never stored: it need not read before raising.
                bool neverStored = !_recordUnsure && !raised.State!.Rules.Contains(change.Rule.Id);
                // Both at once: the storage's commands go down one connection in order, so the rule is stored before the
                // alarm grain's own write (which follows the work order's raise).
                await Task.WhenAll(RememberStoredAsync(change.Rule.Id), alarm.Raise(change.At, change.Message, neverStored));
            }
            else if (raised.State!.Rules.Contains(change.Rule.Id))
            {
                await alarm.Clear(change.At, change.Message);
            }
            // A missed compliance period is also a nonconformance for quality, keyed by its period (no duplicates).
            if (change is { Active: true, Period: { } period })
            {
                var finding = new ComplianceFinding(_item.Id, change.Rule.Id, period, change.Message);
                await GrainFactory.Ref<IQualityGrain>(_item.SiteId).RaiseFromCompliance(new ComplianceFindingDraft(finding.Key, _item.Id, _item.BuildingId, change.At, change.Message));
            }
        }
        ScheduleTick();
    }

    private IGrainStorage RaisedRulesStorage => ServiceProvider.GetRequiredKeyedService<IGrainStorage>(GrainStorage.Name);

    private async Task<GrainState<RaisedRulesState>> ReadRaisedRulesAsync()
    {
        var raised = new GrainState<RaisedRulesState>(new RaisedRulesState());
        await RaisedRulesStorage.ReadStateAsync(RaisedRulesStateName, this.GetGrainId(), raised);
        raised.State ??= new RaisedRulesState();
        return raised is { RecordExists: false, ETag: null, State.Rules.Count: 0 } ? NoneRaised : raised;
    }

    public async Task AlarmsStored(ImmutableArray<string> ruleIds)
    {
        _raised ??= await ReadRaisedRulesAsync();
        await RememberStoredAsync(ruleIds);
    }

    /// <summary>Stored no later than the alarms: should the hub die in between, the restarted item still clears them,
    /// and reads them before raising them again.</summary>
    private async Task RememberStoredAsync(params IEnumerable<string> ruleIds)
    {
        var added = ruleIds.Where(r => !_raised!.State!.Rules.Contains(r)).ToList();
        if (added.Count == 0) return;
        // The shared marker is never written to: the first rule stored gets a state of its own.
        if (ReferenceEquals(_raised, NoneRaised)) _raised = new GrainState<RaisedRulesState>(new RaisedRulesState());
        var raised = _raised!;
        var rules = raised.State!.Rules;
        rules.AddRange(added);
        try
        {
            await RaisedRulesStorage.WriteStateAsync(RaisedRulesStateName, this.GetGrainId(), raised);
        }
        catch
        {
            // Not stored: tried again with the rule's next raise. The alarm's own write may have gone through meanwhile,
            // so this activation no longer vouches for any alarm being unstored.
            rules.RemoveAll(added.Contains);
            _recordUnsure = true;
            throw;
        }
    }

    /// <summary>Tells the clock the monitor's next due time (most messages only push it later: a field write).</summary>
    private void ScheduleTick() => clock.Want(_clockCall, _monitor.NextDueAt);
}
