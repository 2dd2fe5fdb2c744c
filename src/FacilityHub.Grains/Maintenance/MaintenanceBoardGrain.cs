namespace FacilityHub.Grains.Maintenance;

public sealed class MaintenanceBoardGrain(
    [PersistentState("maintenance-board", GrainStorage.Name)] IPersistentState<MaintenanceBoardState> state) : Grain, IMaintenanceBoardGrain
{
    public async Task Put(MaintenanceView window)
    {
        if (state.State.Open.TryGetValue(window.EquipmentId, out var known) && known == window) return;
        state.State.Open[window.EquipmentId] = window;
        await state.WriteStateAsync();
    }

    public async Task Remove(string equipmentId)
    {
        if (state.State.Open.Remove(equipmentId)) await state.WriteStateAsync();
    }

    public Task<MaintenanceView[]> List() =>
        Task.FromResult(state.State.Open.Values.OrderBy(w => w.EndsAt).ThenBy(w => w.EquipmentId, StringComparer.Ordinal).ToArray());
}
