using FacilityHub.Domain.Maintenance;

namespace FacilityHub.Grains.Maintenance;

/// <summary>Counts an item's running hours and starts (<see cref="RuntimeMeter"/>); written only when the running state
/// changes, so a pump reporting every second costs a write per start and stop. While the hub is down a running pump
/// is counted as running until its next reading says otherwise.</summary>
public sealed class RuntimeMeterGrain(
    [PersistentState("runtime", GrainStorage.Name)] IPersistentState<RuntimeReadingState> state) : Grain, IRuntimeMeterGrain
{
    public async Task Observe(DateTimeOffset at, bool running)
    {
        var before = (state.State.Meter ?? RuntimeReading.Of(RuntimeMeter.Zero)).ToMeter();
        var after = before.Observe(at, running);
        if (after.Running == before.Running) return; // only the changes count; LastAt need not be stored for the others
        state.State.Meter = RuntimeReading.Of(after);
        await state.WriteStateAsync();
    }

    public Task<RuntimeReading> Read() => Task.FromResult(state.State.Meter ?? RuntimeReading.Of(RuntimeMeter.Zero));
}
