using FacilityHub.Domain.Alarms;
using FacilityHub.Domain.Topology;
using FacilityHub.Domain.WorkOrders;
using FacilityHub.Grains.Sites;
using FacilityHub.Grains.WorkOrders;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Orleans.Storage;

namespace FacilityHub.Grains.Alarms;

/// <summary>Holds one alarm's lifecycle; decisions are <see cref="AlarmLifecycle"/>'s. Every change is stored,
/// then published to the site's list; a new occurrence of a rule that raises work orders raises one first.</summary>
public sealed partial class AlarmGrain(
    Estate estate,
    TimeProvider time,
    ILogger<AlarmGrain> logger) : Grain, IAlarmGrain, IRemindable
{
    private const string ShelfReminder = "shelf";
    private const string StateName = "alarm";

    // Orleans fires a reminder missed while the hub was down at its next period, not at once: a short period
    // bounds how late a shelf expires after a restart. The reminder exists only while the alarm is shelved.
    private static readonly TimeSpan ShelfCheckPeriod = TimeSpan.FromSeconds(5);
    // Enough to recognise a notice repeated after a crash; notices come one per work order.
    private const int NoticeKeysKept = 200;
    private EquipmentItem _item = null!;
    private RuleDefinition _rule = null!;
    private GrainState<AlarmTagState> _stored = new(new AlarmTagState());
    // The stored alarm, read by the activation's first call (again by the next one if the store failed); not on
    // activation, so that the first raise of an alarm that was never stored does not wait for a read (see Raise).
    private Task? _ready;

    private string Tag => this.GetPrimaryKeyString();

    private AlarmTagState S => _stored.State!;

    private IGrainStorage Storage => ServiceProvider.GetRequiredKeyedService<IGrainStorage>(GrainStorage.Name);

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        int slash = Tag.IndexOf('/');
        if (slash <= 0 || !estate.TryGetEquipment(Tag[..slash], out var item)) throw new ArgumentException($"alarm tag '{Tag}' names no equipment of the topology");
        _item = item;
        _rule = DispatchAlarmRules.Find(item, Tag[(slash + 1)..]) ?? throw new ArgumentException($"alarm tag '{Tag}' names no rule of kind '{item.Kind.Name}'");
        return Task.CompletedTask;
    }

    /// <summary>The stored alarm, read once per activation; a failed read is tried again by the next call.</summary>
    private Task ReadyAsync()
    {
        if (_ready is { IsFaulted: true } or { IsCanceled: true }) _ready = null;
        return _ready ??= ResumeAsync();
    }

    private async Task ResumeAsync()
    {
        await Storage.ReadStateAsync(StateName, this.GetGrainId(), _stored);
        _stored.State ??= new AlarmTagState();
        // The site's alarm list is a projection of this state: re-publish in case the hub died in between.
        if (S.Occurrence > 0) await PublishAsync();
    }

    public async Task Raise(DateTimeOffset at, string message, bool neverStored)
    {
        // The item vouches that nothing of this alarm was ever stored: its first raise goes on without a read (that read
        // was the slowest hop between a fault and its work order). Should the store hold it after all (an alarm stored
        // before items kept that record), the write fails on its version and the raise is done again on what was stored;
        // the order raised meanwhile went out under occurrence 1, which the dispatch system already has if it ever had one.
        if (neverStored && _ready is null)
        {
            _ready = Task.CompletedTask;
            try
            {
                await RaiseAsync(at, message);
                return;
            }
            catch (InconsistentStateException)
            {
            }
        }
        await ReadyAsync();
        await RaiseAsync(at, message);
    }

    private async Task RaiseAsync(DateTimeOffset at, string message)
    {
        if (S.ConditionActive) return;
        var alarm = Load();
        alarm.ConditionStarted(at, message);
        S.Message = message;
        S.ClearedAt = null;
        bool returned = alarm.Occurrence == S.Occurrence;
        await CommitAsync(alarm, at);
        // The same occurrence back: its order waits for the fault to clear again (and reopens if it awaited verification).
        // Not while suppressed by design: what happens then raises nothing, and is judged when the alarm is restored.
        if (returned && alarm.State != AlarmLifecycleState.SuppressedByDesign && S.WorkOrderId is { } workOrderId)
        {
            await GrainFactory.Ref<IWorkOrderGrain>(workOrderId).FaultReturned(at, message, sameOccurrence: true);
        }
    }

    public async Task Clear(DateTimeOffset at, string message)
    {
        await ReadyAsync();
        if (!S.ConditionActive) return;
        var alarm = Load();
        alarm.ConditionCleared(at, message);
        S.ClearedAt = at;
        await CommitAsync(alarm, at);
        LogCleared(Id(S.Occurrence), message);
        // The crew hears that the device reads normal again (informational: lost if the hub dies just here).
        if (S.WorkOrderId is { } workOrderId)
        {
            var notice = new DispatchNotice($"{workOrderId}/cleared/{at.ToUnixTimeMilliseconds()}", WorkOrderUpdateKind.FaultCleared, at, message);
            await GrainFactory.Ref<IWorkOrderGrain>(workOrderId).FaultCleared(notice);
        }
    }

    public async Task Notify(string key, DateTimeOffset at, string message)
    {
        await ReadyAsync();
        if (S.NoticeKeys.Contains(key)) return;
        S.NoticeKeys.Add(key);
        if (S.NoticeKeys.Count > NoticeKeysKept) S.NoticeKeys.RemoveAt(0);
        // Stored by the commits below; raise and clear in one turn, so no other notice falls in between.
        if (S.ConditionActive) await Clear(at, message);
        await RaiseAsync(at, message);
        await Clear(at, message);
    }

    public Task<AlarmView> Acknowledge(AlarmAction action) =>
        ActAsync(action, (alarm, now) => alarm.Acknowledge(now, action.Operator, action.Note));

    public async Task<AlarmView> Shelve(AlarmAction action, TimeSpan duration)
    {
        var view = await ActAsync(action, (alarm, now) => alarm.Shelve(now, duration, action.Operator, action.Note));
        var due = S.ShelvedUntil!.Value - time.GetUtcNow();
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
        await ReadyAsync();
        // Already hidden by design, or out of service until someone returns it: leave it so.
        if (S.State is AlarmLifecycleState.SuppressedByDesign or AlarmLifecycleState.OutOfService) return;
        var now = time.GetUtcNow();
        var alarm = Load();
        alarm.Suppress(now, actor, reason);
        await CommitAsync(alarm, now);
        await StopShelfReminderAsync();
    }

    public async Task Restore(string actor, string note)
    {
        await ReadyAsync();
        if (S.State != AlarmLifecycleState.SuppressedByDesign) return;
        var now = time.GetUtcNow();
        var alarm = Load();
        alarm.Restore(now, actor, note);
        await CommitAsync(alarm, now);
    }

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        await ReadyAsync();
        var now = time.GetUtcNow();
        var alarm = Load();
        if (alarm.ExpireShelf(now)) await CommitAsync(alarm, now);
        if (S.State != AlarmLifecycleState.Shelved) await StopShelfReminderAsync();
    }

    public async Task<AlarmView?> GetCurrent()
    {
        await ReadyAsync();
        return S.Occurrence == 0 ? null : View();
    }

    public async Task<AlarmStep[]> GetHistory()
    {
        await ReadyAsync();
        return S.History.ToArray();
    }

    private async Task<AlarmView> ActAsync(AlarmAction action, Action<AlarmLifecycle, DateTimeOffset> act)
    {
        await ReadyAsync();
        if (!AlarmKeys.TryParse(action.AlarmId, out _, out int occurrence) || occurrence > S.Occurrence)
        {
            throw new KeyNotFoundException($"alarm '{action.AlarmId}' does not exist");
        }
        if (occurrence != S.Occurrence)
        {
            throw new AlarmActionRefusedException($"occurrence {occurrence} of this alarm is over; the current one is {Id(S.Occurrence)}");
        }
        var now = time.GetUtcNow();
        var alarm = Load();
        act(alarm, now);
        await CommitAsync(alarm, now);
        return View();
    }

    private AlarmLifecycle Load() => new(
        S.State, S.ConditionActive, S.Occurrence, S.ShelvedUntil, S.RaisedAt,
        S.History.Select(h => h.ToDomain()));

    /// <summary>Stores the lifecycle's new state. A new occurrence of a rule that raises work orders stores its
    /// work order first: should the hub die in between, the condition comes again with the same occurrence
    /// number and the order's idempotent Raise finds it.</summary>
    private async Task CommitAsync(AlarmLifecycle alarm, DateTimeOffset at)
    {
        bool newOccurrence = alarm.Occurrence != S.Occurrence;
        if (newOccurrence)
        {
            string? workOrderId = null;
            // A fault back while the last order awaits verification reopens that order instead of raising another.
            if (_rule.RaisesWorkOrder && S.WorkOrderId is { } last
                && await GrainFactory.Ref<IWorkOrderGrain>(last).FaultReturned(at, S.Message, sameOccurrence: false))
            {
                workOrderId = last;
            }
            else if (_rule.RaisesWorkOrder)
            {
                workOrderId = Id(alarm.Occurrence);
                await GrainFactory.Ref<IWorkOrderGrain>(workOrderId).Raise(Draft(workOrderId, at, S.Message));
            }
            S.WorkOrderId = workOrderId;
        }
        S.Occurrence = alarm.Occurrence;
        S.State = alarm.State;
        S.ConditionActive = alarm.ConditionActive;
        S.ShelvedUntil = alarm.ShelvedUntil;
        S.RaisedAt = alarm.RaisedAt;
        S.History = [.. alarm.History.Select(AlarmStep.Of)];
        await WriteStateAsync();
        if (newOccurrence) LogRaised(Id(alarm.Occurrence), _rule.Priority.ToString(), S.Message, S.WorkOrderId ?? "none");
        // An alarm that never started (e.g. suppressed for maintenance before it ever fired) has nothing to list.
        if (S.Occurrence > 0) await PublishAsync();
    }

    /// <summary>Stores the state. A first raise that skipped the read (see <see cref="Raise"/>) and finds the alarm
    /// stored after all fails here; the state is then forgotten, so that the next call reads it.</summary>
    private async Task WriteStateAsync()
    {
        try
        {
            await Storage.WriteStateAsync(StateName, this.GetGrainId(), _stored);
        }
        catch (InconsistentStateException)
        {
            _stored = new GrainState<AlarmTagState>(new AlarmTagState());
            _ready = null;
            throw;
        }
    }

    private async Task StopShelfReminderAsync()
    {
        var reminder = await this.GetReminder(ShelfReminder);
        if (reminder is not null) await this.UnregisterReminder(reminder);
    }

    private string Id(int occurrence) => AlarmKeys.Occurrence(Tag, occurrence);

    private Task PublishAsync() => GrainFactory.Ref<ISiteGrain>(_item.SiteId).UpsertAlarm(View());

    private AlarmView View() => new(
        Id(S.Occurrence), _item.SiteId, _item.BuildingId, _item.Id, _rule.Id, _rule.FaultCode, _rule.Priority,
        S.ConditionActive, S.Message, S.RaisedAt ?? default, S.ClearedAt, S.WorkOrderId,
        S.State, S.ShelvedUntil);

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
