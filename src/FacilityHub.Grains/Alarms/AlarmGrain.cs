using FacilityHub.Domain.Alarms;
using FacilityHub.Domain.Topology;
using FacilityHub.Domain.WorkOrders;
using FacilityHub.Grains.Sites;
using FacilityHub.Grains.WorkOrders;
using Microsoft.Extensions.Logging;

namespace FacilityHub.Grains.Alarms;

/// <summary>Holds one alarm's lifecycle; decisions are <see cref="AlarmLifecycle"/>'s. Every change is stored,
/// then published to the site's list; a new occurrence of a rule that raises work orders raises one first.</summary>
public sealed partial class AlarmGrain(
    [PersistentState("alarm", GrainStorage.Name)] IPersistentState<AlarmTagState> state,
    Estate estate,
    TimeProvider time,
    ILogger<AlarmGrain> logger) : Grain, IAlarmGrain, IRemindable
{
    private const string ShelfReminder = "shelf";

    // Orleans fires a reminder missed while the hub was down at its next period, not at once: a short period
    // bounds how late a shelf expires after a restart. The reminder exists only while the alarm is shelved.
    private static readonly TimeSpan ShelfCheckPeriod = TimeSpan.FromSeconds(5);
    // Enough to recognise a notice repeated after a crash; notices come one per work order.
    private const int NoticeKeysKept = 200;
    private EquipmentItem _item = null!;
    private RuleDefinition _rule = null!;

    private string Tag => this.GetPrimaryKeyString();

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        int slash = Tag.IndexOf('/');
        if (slash <= 0 || !estate.TryGetEquipment(Tag[..slash], out var item)) throw new ArgumentException($"alarm tag '{Tag}' names no equipment of the topology");
        _item = item;
        _rule = DispatchAlarmRules.Find(item, Tag[(slash + 1)..]) ?? throw new ArgumentException($"alarm tag '{Tag}' names no rule of kind '{item.Kind.Name}'");
        // The site's alarm list is a projection of this state: re-publish in case the hub died in between.
        if (state.State.Occurrence > 0) await PublishAsync();
    }

    public async Task Raise(DateTimeOffset at, string message)
    {
        if (state.State.ConditionActive) return;
        var alarm = Load();
        alarm.ConditionStarted(at, message);
        state.State.Message = message;
        state.State.ClearedAt = null;
        bool returned = alarm.Occurrence == state.State.Occurrence;
        await CommitAsync(alarm, at);
        // The same occurrence back: its order waits for the fault to clear again (and reopens if it awaited verification).
        // Not while suppressed by design: what happens then raises nothing, and is judged when the alarm is restored.
        if (returned && alarm.State != AlarmLifecycleState.SuppressedByDesign && state.State.WorkOrderId is { } workOrderId)
        {
            await GrainFactory.Ref<IWorkOrderGrain>(workOrderId).FaultReturned(at, message, sameOccurrence: true);
        }
    }

    public async Task Clear(DateTimeOffset at, string message)
    {
        if (!state.State.ConditionActive) return;
        var alarm = Load();
        alarm.ConditionCleared(at, message);
        state.State.ClearedAt = at;
        await CommitAsync(alarm, at);
        LogCleared(Id(state.State.Occurrence), message);
        // The crew hears that the device reads normal again (informational: lost if the hub dies just here).
        if (state.State.WorkOrderId is { } workOrderId)
        {
            var notice = new DispatchNotice($"{workOrderId}/cleared/{at.ToUnixTimeMilliseconds()}", WorkOrderUpdateKind.FaultCleared, at, message);
            await GrainFactory.Ref<IWorkOrderGrain>(workOrderId).FaultCleared(notice);
        }
    }

    public async Task Notify(string key, DateTimeOffset at, string message)
    {
        if (state.State.NoticeKeys.Contains(key)) return;
        state.State.NoticeKeys.Add(key);
        if (state.State.NoticeKeys.Count > NoticeKeysKept) state.State.NoticeKeys.RemoveAt(0);
        // Stored by the commits below; raise and clear in one turn, so no other notice falls in between.
        if (state.State.ConditionActive) await Clear(at, message);
        await Raise(at, message);
        await Clear(at, message);
    }

    public Task<AlarmView> Acknowledge(AlarmAction action) =>
        ActAsync(action, (alarm, now) => alarm.Acknowledge(now, action.Operator, action.Note));

    public async Task<AlarmView> Shelve(AlarmAction action, TimeSpan duration)
    {
        var view = await ActAsync(action, (alarm, now) => alarm.Shelve(now, duration, action.Operator, action.Note));
        var due = state.State.ShelvedUntil!.Value - time.GetUtcNow();
        await this.RegisterOrUpdateReminder(ShelfReminder, due > TimeSpan.Zero ? due : TimeSpan.FromMilliseconds(1), ShelfCheckPeriod);
        return view;
    }

    public async Task<AlarmView> Unshelve(AlarmAction action)
    {
        var view = await ActAsync(action, (alarm, now) => alarm.Unshelve(now, action.Operator, action.Note));
        await StopShelfReminderAsync();
        return view;
    }

    public Task<AlarmView> Comment(AlarmAction action) =>
        ActAsync(action, (alarm, now) => alarm.Comment(now, action.Operator, action.Note));

    public async Task<AlarmView> RemoveFromService(AlarmAction action)
    {
        var view = await ActAsync(action, (alarm, now) => alarm.RemoveFromService(now, action.Operator, action.Note));
        await StopShelfReminderAsync();
        return view;
    }

    public Task<AlarmView> ReturnToService(AlarmAction action) =>
        ActAsync(action, (alarm, now) => alarm.Restore(now, action.Operator, action.Note));

    public async Task Suppress(string actor, string reason)
    {
        // Already hidden by design, or out of service until someone returns it: leave it so.
        if (state.State.State is AlarmLifecycleState.SuppressedByDesign or AlarmLifecycleState.OutOfService) return;
        var now = time.GetUtcNow();
        var alarm = Load();
        alarm.Suppress(now, actor, reason);
        await CommitAsync(alarm, now);
        await StopShelfReminderAsync();
    }

    public async Task Restore(string actor, string note)
    {
        if (state.State.State != AlarmLifecycleState.SuppressedByDesign) return;
        var now = time.GetUtcNow();
        var alarm = Load();
        alarm.Restore(now, actor, note);
        await CommitAsync(alarm, now);
    }

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        var now = time.GetUtcNow();
        var alarm = Load();
        if (alarm.ExpireShelf(now)) await CommitAsync(alarm, now);
        if (state.State.State != AlarmLifecycleState.Shelved) await StopShelfReminderAsync();
    }

    public Task<AlarmView?> GetCurrent() => Task.FromResult(state.State.Occurrence == 0 ? null : View());

    public Task<AlarmStep[]> GetHistory() => Task.FromResult(state.State.History.ToArray());

    private async Task<AlarmView> ActAsync(AlarmAction action, Action<AlarmLifecycle, DateTimeOffset> act)
    {
        if (!AlarmKeys.TryParse(action.AlarmId, out _, out int occurrence) || occurrence > state.State.Occurrence)
        {
            throw new KeyNotFoundException($"alarm '{action.AlarmId}' does not exist");
        }
        if (occurrence != state.State.Occurrence)
        {
            throw new AlarmActionRefusedException($"occurrence {occurrence} of this alarm is over; the current one is {Id(state.State.Occurrence)}");
        }
        var now = time.GetUtcNow();
        var alarm = Load();
        act(alarm, now);
        await CommitAsync(alarm, now);
        return View();
    }

    private AlarmLifecycle Load() => new(
        state.State.State, state.State.ConditionActive, state.State.Occurrence, state.State.ShelvedUntil, state.State.RaisedAt,
        state.State.History.Select(h => h.ToDomain()));

    /// <summary>Stores the lifecycle's new state. A new occurrence of a rule that raises work orders stores its
    /// work order first: should the hub die in between, the condition comes again with the same occurrence
    /// number and the order's idempotent Raise finds it.</summary>
    private async Task CommitAsync(AlarmLifecycle alarm, DateTimeOffset at)
    {
        bool newOccurrence = alarm.Occurrence != state.State.Occurrence;
        if (newOccurrence)
        {
            string? workOrderId = null;
            // A fault back while the last order awaits verification reopens that order instead of raising another.
            if (_rule.RaisesWorkOrder && state.State.WorkOrderId is { } last
                && await GrainFactory.Ref<IWorkOrderGrain>(last).FaultReturned(at, state.State.Message, sameOccurrence: false))
            {
                workOrderId = last;
            }
            else if (_rule.RaisesWorkOrder)
            {
                workOrderId = Id(alarm.Occurrence);
                await GrainFactory.Ref<IWorkOrderGrain>(workOrderId).Raise(Draft(workOrderId, at, state.State.Message));
            }
            state.State.WorkOrderId = workOrderId;
        }
        state.State.Occurrence = alarm.Occurrence;
        state.State.State = alarm.State;
        state.State.ConditionActive = alarm.ConditionActive;
        state.State.ShelvedUntil = alarm.ShelvedUntil;
        state.State.RaisedAt = alarm.RaisedAt;
        state.State.History = [.. alarm.History.Select(AlarmStep.Of)];
        await state.WriteStateAsync();
        if (newOccurrence) LogRaised(Id(alarm.Occurrence), _rule.Priority.ToString(), state.State.Message, state.State.WorkOrderId ?? "none");
        // An alarm that never started (e.g. suppressed for maintenance before it ever fired) has nothing to list.
        if (state.State.Occurrence > 0) await PublishAsync();
    }

    private async Task StopShelfReminderAsync()
    {
        var reminder = await this.GetReminder(ShelfReminder);
        if (reminder is not null) await this.UnregisterReminder(reminder);
    }

    private string Id(int occurrence) => AlarmKeys.Occurrence(Tag, occurrence);

    private Task PublishAsync() => GrainFactory.Ref<ISiteGrain>(_item.SiteId).UpsertAlarm(View());

    private AlarmView View() => new(
        Id(state.State.Occurrence), _item.SiteId, _item.BuildingId, _item.Id, _rule.Id, _rule.FaultCode, _rule.Priority,
        state.State.ConditionActive, state.State.Message, state.State.RaisedAt ?? default, state.State.ClearedAt, state.State.WorkOrderId,
        state.State.State, state.State.ShelvedUntil);

    private WorkOrderDraft Draft(string workOrderId, DateTimeOffset at, string message)
    {
        estate.TryGetSite(_item.SiteId, out var site);
        estate.TryGetBuilding(_item.BuildingId, out var building);
        string what = _rule.Description.Length > 0 ? $"{_rule.Description}: {message}" : message;
        return new WorkOrderDraft(
            workOrderId, workOrderId,
            _item.SiteId, site?.Name ?? _item.SiteId,
            _item.BuildingId, building?.Name ?? _item.BuildingId,
            _item.Location, _item.Id, _item.Name, _item.Kind.Name,
            _rule.FaultCode, what, WorkOrderUrgencies.FromAlarmPriority(_rule.Priority), at);
    }

    // Equipment ids and readings only: never the location, which may be a resident's room.
    [LoggerMessage(Level = LogLevel.Information, Message = "ALARM {AlarmId} raised, {Priority}: {Message}; work order {WorkOrderId}")]
    private partial void LogRaised(string alarmId, string priority, string message, string workOrderId);

    [LoggerMessage(Level = LogLevel.Information, Message = "ALARM {AlarmId} condition cleared: {Message}")]
    private partial void LogCleared(string alarmId, string message);
}
