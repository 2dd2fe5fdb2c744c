using FacilityHub.Domain.Maintenance;
using FacilityHub.Domain.Topology;
using FacilityHub.Grains.Alarms;
using FacilityHub.Grains.Equipment;
using Microsoft.Extensions.Logging;

namespace FacilityHub.Grains.Maintenance;

/// <summary>Holds one item's maintenance window. The window is stored before the alarms are touched, and the alarms
/// are restored before it is cleared: a hub that dies in between finishes the job at the next reminder or request
/// (suppressing and restoring are idempotent).</summary>
public sealed partial class MaintenanceGrain(
    [PersistentState("maintenance", GrainStorage.Name)] IPersistentState<MaintenanceState> state,
    Estate estate,
    TimeProvider time,
    ILogger<MaintenanceGrain> logger) : Grain, IMaintenanceGrain, IRemindable
{
    private const string EndReminder = "maintenance-end";
    private const string EndedByItselfNote = "maintenance window over";

    // A reminder missed while the hub was down fires at its next period: a short one bounds how late a window ends.
    // The reminder exists only while a window is open.
    private static readonly TimeSpan EndCheckPeriod = TimeSpan.FromSeconds(5);

    private EquipmentItem _item = null!;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _item = estate.TryGetEquipment(this.GetPrimaryKeyString(), out var item)
            ? item
            : throw new ArgumentException($"equipment '{this.GetPrimaryKeyString()}' is not in the topology");
        return Task.CompletedTask;
    }

    public async Task<MaintenanceView> Start(MaintenanceStart start)
    {
        var window = MaintenanceWindow.Open(_item.Id, time.GetUtcNow(), start.Duration, start.Actor, start.Reason);
        // A start while open re-plans the window; it keeps its original start.
        var view = new MaintenanceView(_item.Id, _item.SiteId, _item.BuildingId,
            state.State.Open?.StartedAt ?? window.StartedAt, window.EndsAt, window.StartedBy, window.Reason);
        state.State.Open = view;
        await state.WriteStateAsync();
        await this.RegisterOrUpdateReminder(EndReminder, window.EndsAt - window.StartedAt, EndCheckPeriod);
        string reason = $"under maintenance until {window.EndsAt:u}: {window.Reason}";
        // The item first, so that a fault it finds from now on reads the suppression before raising its alarm.
        await GrainFactory.GetGrain<IEquipmentGrain>(_item.Id).AlarmsStored([.. RuleIds]);
        foreach (var alarm in Alarms()) await alarm.Suppress(start.Actor, reason);
        await GrainFactory.GetGrain<IMaintenanceBoardGrain>(_item.SiteId).Put(view);
        LogStarted(_item.Id, window.EndsAt, start.Actor);
        return view;
    }

    public async Task<MaintenanceView?> End(string actor, string note)
    {
        if (state.State.Open is not { } open) return null;
        foreach (var alarm in Alarms()) await alarm.Restore(actor, note.Length > 0 ? note : "maintenance over");
        state.State.Open = null;
        await state.WriteStateAsync();
        await StopReminderAsync();
        await GrainFactory.GetGrain<IMaintenanceBoardGrain>(_item.SiteId).Remove(_item.Id);
        LogEnded(_item.Id, actor);
        return open with { EndedAt = time.GetUtcNow(), EndedBy = actor, EndNote = note };
    }

    public Task<MaintenanceView?> GetOpen() => Task.FromResult(state.State.Open);

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (state.State.Open is not { } open)
        {
            await StopReminderAsync();
            return;
        }
        if (time.GetUtcNow() >= open.EndsAt) await End(Domain.Alarms.AlarmLifecycle.SystemActor, EndedByItselfNote);
    }

    /// <summary>The alarms of the item's own rules (those of its kind, with its overrides); the work-order alarms
    /// (dispatch rejected, SLA breached) are about the orders, not the item, and stay live.</summary>
    private IEnumerable<IAlarmGrain> Alarms() => RuleIds.Select(id => GrainFactory.GetGrain<IAlarmGrain>(AlarmKeys.Tag(_item.Id, id)));

    private IEnumerable<string> RuleIds => _item.Kind.Rules.Select(r => r.Id);

    private async Task StopReminderAsync()
    {
        var reminder = await this.GetReminder(EndReminder);
        if (reminder is not null) await this.UnregisterReminder(reminder);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "MAINTENANCE {EquipmentId} started until {EndsAt}, by {Actor}")]
    private partial void LogStarted(string equipmentId, DateTimeOffset endsAt, string actor);

    [LoggerMessage(Level = LogLevel.Information, Message = "MAINTENANCE {EquipmentId} ended, by {Actor}")]
    private partial void LogEnded(string equipmentId, string actor);
}
