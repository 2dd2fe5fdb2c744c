using FacilityHub.Domain.Alarms;
using FacilityHub.Domain.WorkOrders;
using FacilityHub.Grains.Alarms;
using FacilityHub.Grains.WorkOrders;

namespace FacilityHub.Grains.Sites;

public sealed class SiteGrain(
    [PersistentState("site", GrainStorage.Name)] IPersistentState<SiteState> state,
    TimeProvider time) : Grain, ISiteGrain
{
    /// <summary>Cleared alarms kept for the list; the others are always kept.</summary>
    public const int NormalAlarmsKept = 5000;

    /// <summary>Alarm changes kept in memory for watchers that reconnect; older ones get a fresh snapshot.</summary>
    public const int ChangesKept = 10_000;

    /// <summary>How far back the activation log (and so the alarm KPIs) reaches.</summary>
    public static readonly TimeSpan ActivationsKeptFor = TimeSpan.FromDays(7);

    /// <summary>Most activations logged; the oldest go first (about 50 bytes each in the stored state).</summary>
    public const int MaxActivationsKept = 50_000;

    private readonly LinkedList<AlarmChange> _changes = new();
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    // The whole site state is one stored value: during an alarm flood (a building's panels all going offline) writing it
    // once per change made every change wait for all the writes before it. Changes are applied in memory at once; one
    // write at a time stores all that came in meanwhile, and each caller returns once a write that holds its change is done.
    private Task _writing = Task.CompletedTask;
    private Task? _queued;
    // Kept beside the state so an upsert costs O(1), not a scan of the alarm list and of the 50,000-entry activation log.
    private Dictionary<string, int> _logged = null!; // alarm id -> entries in the activation log
    private int _normalAlarms;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _logged = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var a in state.State.Activations) _logged[a.AlarmId] = _logged.GetValueOrDefault(a.AlarmId) + 1;
        _normalAlarms = state.State.Alarms.Values.Count(a => a.State == AlarmLifecycleState.Normal);
        return Task.CompletedTask;
    }

    private Task SaveAsync() => _queued ??= WriteQueuedAsync();

    private async Task WriteQueuedAsync()
    {
        if (_writing.IsCompleted) await Task.Yield(); // let the caller's `_queued ??=` finish: later changes join this write
        else await _writing.ContinueWith(static _ => { }, CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Current);
        _queued = null;
        _writing = state.WriteStateAsync();
        await _writing;
    }

    private void Put(AlarmView alarm)
    {
        if (state.State.Alarms.TryGetValue(alarm.AlarmId, out var old) && old.State == AlarmLifecycleState.Normal) _normalAlarms--;
        state.State.Alarms[alarm.AlarmId] = alarm;
        if (alarm.State == AlarmLifecycleState.Normal) _normalAlarms++;
    }

    public async Task UpsertAlarm(AlarmView alarm)
    {
        bool seen = state.State.Alarms.TryGetValue(alarm.AlarmId, out var known);
        if (seen && known == alarm) return;
        // An activation is a condition starting: a new occurrence, or one that returned before it was acknowledged
        // (that is what chattering looks like).
        if (!seen && alarm.ConditionActive) RecordActivation(alarm, alarm.RaisedAt, newOccurrence: true);
        else if (seen && !known!.ConditionActive && alarm.ConditionActive) RecordActivation(alarm, time.GetUtcNow(), newOccurrence: false);
        Put(alarm);
        // An older occurrence of the same alarm is over: it shows as normal.
        if (AlarmKeys.TryParse(alarm.AlarmId, out string tag, out int occurrence) && occurrence > 1
            && state.State.Alarms.TryGetValue(AlarmKeys.Occurrence(tag, occurrence - 1), out var previous) && previous.State != AlarmLifecycleState.Normal)
        {
            Put(previous with { State = AlarmLifecycleState.Normal, ConditionActive = false, ShelvedUntil = null });
        }
        Trim();
        long sequence = ++state.State.AlarmSequence;
        // Numbered and announced in the order the changes were applied (callers interleave while the state is written).
        _changes.AddLast(new AlarmChange(sequence, alarm));
        if (_changes.Count > ChangesKept) _changes.RemoveFirst();
        var changed = _changed;
        _changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        changed.SetResult();
        await SaveAsync();
    }

    public async Task UpsertWorkOrder(WorkOrderView workOrder)
    {
        if (state.State.WorkOrders.TryGetValue(workOrder.Draft.WorkOrderId, out var known) && Same(known, workOrder)) return;
        state.State.WorkOrders[workOrder.Draft.WorkOrderId] = workOrder;
        await SaveAsync();
    }

    public Task<Page<AlarmView>> ListAlarms(AlarmQuery q)
    {
        var matches = state.State.Alarms.Values
            .Where(a => (q.BuildingId is null || a.BuildingId == q.BuildingId)
                && (q.EquipmentId is null || a.EquipmentId == q.EquipmentId)
                && (q.Priority is null || a.Priority == q.Priority)
                && (q.State is null || a.State == q.State)
                && (!q.ConditionActiveOnly || a.ConditionActive))
            .OrderByDescending(a => a.RaisedAt).ThenBy(a => a.AlarmId, StringComparer.Ordinal)
            .ToList();
        return Task.FromResult(new Page<AlarmView>([.. matches.Skip(q.Offset).Take(q.Limit)], matches.Count));
    }

    public Task<Page<WorkOrderView>> ListWorkOrders(WorkOrderQuery q)
    {
        var matches = state.State.WorkOrders.Values
            .Where(w => (q.EquipmentId is null || w.Draft.EquipmentId == q.EquipmentId) && (q.Status is null || w.Status == q.Status))
            .OrderByDescending(w => w.Draft.RaisedAt).ThenBy(w => w.Draft.WorkOrderId, StringComparer.Ordinal)
            .ToList();
        return Task.FromResult(new Page<WorkOrderView>([.. matches.Skip(q.Offset).Take(q.Limit)], matches.Count));
    }

    public Task<WorkOrderView[]> ListOpenWorkOrders() => Task.FromResult(
        state.State.WorkOrders.Values
            .Where(w => !WorkOrderLifecycle.IsSignedOff(w.Status))
            .OrderBy(w => w.Draft.RaisedAt).ThenBy(w => w.Draft.WorkOrderId, StringComparer.Ordinal)
            .ToArray());

    public Task<AlarmView?> FindAlarm(string alarmId) => Task.FromResult(state.State.Alarms.GetValueOrDefault(alarmId));

    public Task<AlarmKpiView> GetAlarmKpis(DateTimeOffset from, DateTimeOffset to)
    {
        string site = this.GetPrimaryKeyString();
        var activations = state.State.Activations.Select(a => new AlarmActivation(TagOf(a.AlarmId), a.AlarmId, site, a.Priority, a.RaisedAt));
        var active = state.State.Alarms.Values
            .Where(a => a.State is AlarmLifecycleState.ActiveUnacknowledged or AlarmLifecycleState.ActiveAcknowledged)
            .Select(a => new ActiveAlarm(AlarmKeys.Tag(a.EquipmentId, a.RuleId), a.AlarmId, a.RaisedAt));
        var report = AlarmKpis.Compute(activations, active, from, to);
        return Task.FromResult(AlarmKpiView.Of(report, state.State.ActivationsRecorded));
    }

    public async Task<AlarmChanges> WaitForAlarmChanges(long afterSequence, TimeSpan wait)
    {
        if (afterSequence >= state.State.AlarmSequence)
        {
            await Task.WhenAny(_changed.Task, Task.Delay(wait));
        }
        long current = state.State.AlarmSequence;
        if (afterSequence == current) return new AlarmChanges(current, false, []);
        // Resumable when every change after afterSequence is still kept (none is after a restart or a gap).
        long oldestKept = _changes.First?.Value.Sequence ?? current + 1;
        if (afterSequence > 0 && afterSequence <= current && afterSequence + 1 >= oldestKept)
        {
            return new AlarmChanges(current, false, [.. _changes.Where(c => c.Sequence > afterSequence)]);
        }
        var snapshot = state.State.Alarms.Values
            .Where(a => a.State != AlarmLifecycleState.Normal)
            .OrderBy(a => a.RaisedAt).ThenBy(a => a.AlarmId, StringComparer.Ordinal)
            .Select(a => new AlarmChange(current, a));
        return new AlarmChanges(current, true, [.. snapshot]);
    }

    /// <summary>Logs a new occurrence. One the site's list dropped (an old, normal one) and its alarm grain
    /// publishes again after a restart is already in the log, or too old for it.</summary>
    private void RecordActivation(AlarmView alarm, DateTimeOffset at, bool newOccurrence)
    {
        var log = state.State.Activations;
        var cutoff = time.GetUtcNow() - ActivationsKeptFor;
        if (at < cutoff || (newOccurrence && _logged.ContainsKey(alarm.AlarmId))) return;
        log.Add(new AlarmActivationEntry(alarm.AlarmId, alarm.Priority, at));
        _logged[alarm.AlarmId] = _logged.GetValueOrDefault(alarm.AlarmId) + 1;
        state.State.ActivationsRecorded++;
        // In arrival order, so what is too old or too many sits at the front.
        int drop = 0;
        while (drop < log.Count && (log[drop].RaisedAt < cutoff || log.Count - drop > MaxActivationsKept)) drop++;
        if (drop == 0) return;
        foreach (var gone in log.Take(drop))
        {
            if (--_logged[gone.AlarmId] == 0) _logged.Remove(gone.AlarmId);
        }
        log.RemoveRange(0, drop);
    }

    private static string TagOf(string alarmId) => AlarmKeys.TryParse(alarmId, out string tag, out _) ? tag : alarmId;

    private static bool Same(WorkOrderView a, WorkOrderView b) =>
        a.Status == b.Status && a.SendAttempts == b.SendAttempts && a.LastError == b.LastError && a.Steps.Length == b.Steps.Length && a.DispatchOrderId == b.DispatchOrderId
        && a.Appointment == b.Appointment && a.PendingUpdates == b.PendingUpdates
        && a.VerifyDue == b.VerifyDue && a.FollowUpDue == b.FollowUpDue && a.PendingReason == b.PendingReason && a.ExpectedBy == b.ExpectedBy;

    private void Trim()
    {
        if (_normalAlarms <= NormalAlarmsKept) return;
        foreach (var old in state.State.Alarms.Values.Where(a => a.State == AlarmLifecycleState.Normal).OrderBy(a => a.RaisedAt).Take(_normalAlarms - NormalAlarmsKept).ToList())
        {
            state.State.Alarms.Remove(old.AlarmId);
            _normalAlarms--;
        }
    }
}
