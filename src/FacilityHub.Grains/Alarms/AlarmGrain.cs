using FacilityHub.Domain.Topology;
using FacilityHub.Domain.WorkOrders;
using FacilityHub.Grains.Sites;
using FacilityHub.Grains.WorkOrders;
using Microsoft.Extensions.Logging;

namespace FacilityHub.Grains.Alarms;

public sealed partial class AlarmGrain(
    [PersistentState("alarm", GrainStorage.Name)] IPersistentState<AlarmTagState> state,
    Estate estate,
    ILogger<AlarmGrain> logger) : Grain, IAlarmGrain
{
    private EquipmentItem _item = null!;
    private RuleDefinition _rule = null!;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        string tag = this.GetPrimaryKeyString();
        int slash = tag.IndexOf('/');
        if (slash <= 0 || !estate.TryGetEquipment(tag[..slash], out var item)) throw new ArgumentException($"alarm tag '{tag}' names no equipment of the topology");
        _item = item;
        _rule = item.Kind.Rules.FirstOrDefault(r => r.Id == tag[(slash + 1)..]) ?? throw new ArgumentException($"alarm tag '{tag}' names no rule of kind '{item.Kind.Name}'");
        // The site's alarm list is a projection of this state: re-publish in case the hub died in between.
        if (state.State.Occurrence > 0) await PublishAsync();
    }

    public async Task Raise(DateTimeOffset at, string message)
    {
        if (state.State.Active) return;
        int occurrence = state.State.Occurrence + 1;
        string alarmId = AlarmKeys.Occurrence(this.GetPrimaryKeyString(), occurrence);
        string? workOrderId = null;
        if (_rule.RaisesWorkOrder)
        {
            // The work order is stored before this alarm: should the hub die in between, the condition is
            // raised again with the same occurrence number, and the order's idempotent Raise finds it.
            workOrderId = alarmId;
            await GrainFactory.GetGrain<IWorkOrderGrain>(workOrderId).Raise(Draft(workOrderId, alarmId, at, message));
        }
        state.State.Occurrence = occurrence;
        state.State.Active = true;
        state.State.Message = message;
        state.State.RaisedAt = at;
        state.State.ClearedAt = null;
        state.State.WorkOrderId = workOrderId;
        await state.WriteStateAsync();
        LogRaised(alarmId, _rule.Priority.ToString(), message, workOrderId ?? "none");
        await PublishAsync();
    }

    public async Task Clear(DateTimeOffset at, string message)
    {
        if (!state.State.Active) return;
        state.State.Active = false;
        state.State.ClearedAt = at;
        await state.WriteStateAsync();
        LogCleared(AlarmKeys.Occurrence(this.GetPrimaryKeyString(), state.State.Occurrence), message);
        await PublishAsync();
    }

    public Task<AlarmView?> GetCurrent() => Task.FromResult(state.State.Occurrence == 0 ? null : View());

    private Task PublishAsync() => GrainFactory.GetGrain<ISiteGrain>(_item.SiteId).UpsertAlarm(View());

    private AlarmView View() => new(
        AlarmKeys.Occurrence(this.GetPrimaryKeyString(), state.State.Occurrence),
        _item.SiteId, _item.BuildingId, _item.Id, _rule.Id, _rule.FaultCode, _rule.Priority,
        state.State.Active, state.State.Message, state.State.RaisedAt, state.State.ClearedAt, state.State.WorkOrderId);

    private WorkOrderDraft Draft(string workOrderId, string alarmId, DateTimeOffset at, string message)
    {
        estate.TryGetSite(_item.SiteId, out var site);
        estate.TryGetBuilding(_item.BuildingId, out var building);
        string what = _rule.Description.Length > 0 ? $"{_rule.Description}: {message}" : message;
        return new WorkOrderDraft(
            workOrderId, alarmId,
            _item.SiteId, site?.Name ?? _item.SiteId,
            _item.BuildingId, building?.Name ?? _item.BuildingId,
            _item.Location, _item.Id, _item.Name, _item.Kind.Name,
            _rule.FaultCode, what, WorkOrderUrgencies.FromAlarmPriority(_rule.Priority), at);
    }

    // Equipment ids and readings only: never the location, which may be a resident's room.
    [LoggerMessage(Level = LogLevel.Information, Message = "ALARM {AlarmId} raised, {Priority}: {Message}; work order {WorkOrderId}")]
    private partial void LogRaised(string alarmId, string priority, string message, string workOrderId);

    [LoggerMessage(Level = LogLevel.Information, Message = "ALARM {AlarmId} cleared: {Message}")]
    private partial void LogCleared(string alarmId, string message);
}
