using FacilityHub.Grains.Alarms;
using FacilityHub.Grains.WorkOrders;

namespace FacilityHub.Grains.Sites;

public sealed class SiteGrain([PersistentState("site", GrainStorage.Name)] IPersistentState<SiteState> state) : Grain, ISiteGrain
{
    /// <summary>Cleared alarms kept for the list; active ones are always kept.</summary>
    public const int ClearedAlarmsKept = 5000;

    public async Task UpsertAlarm(AlarmView alarm)
    {
        if (state.State.Alarms.TryGetValue(alarm.AlarmId, out var known) && known == alarm) return;
        state.State.Alarms[alarm.AlarmId] = alarm;
        Trim();
        await state.WriteStateAsync();
    }

    public async Task UpsertWorkOrder(WorkOrderView workOrder)
    {
        if (state.State.WorkOrders.TryGetValue(workOrder.Draft.WorkOrderId, out var known) && Same(known, workOrder)) return;
        state.State.WorkOrders[workOrder.Draft.WorkOrderId] = workOrder;
        await state.WriteStateAsync();
    }

    public Task<Page<AlarmView>> ListAlarms(AlarmQuery q)
    {
        var matches = state.State.Alarms.Values
            .Where(a => (q.BuildingId is null || a.BuildingId == q.BuildingId)
                && (q.EquipmentId is null || a.EquipmentId == q.EquipmentId)
                && (q.Priority is null || a.Priority == q.Priority)
                && (q.Active is null || a.Active == q.Active))
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

    public Task<AlarmView?> FindAlarm(string alarmId) => Task.FromResult(state.State.Alarms.GetValueOrDefault(alarmId));

    private static bool Same(WorkOrderView a, WorkOrderView b) =>
        a.Status == b.Status && a.SendAttempts == b.SendAttempts && a.LastError == b.LastError && a.Steps.Length == b.Steps.Length && a.DispatchOrderId == b.DispatchOrderId;

    private void Trim()
    {
        int cleared = state.State.Alarms.Values.Count(a => !a.Active);
        if (cleared <= ClearedAlarmsKept) return;
        foreach (var old in state.State.Alarms.Values.Where(a => !a.Active).OrderBy(a => a.RaisedAt).Take(cleared - ClearedAlarmsKept).ToList())
        {
            state.State.Alarms.Remove(old.AlarmId);
        }
    }
}
