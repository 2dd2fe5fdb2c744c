using FacilityHub.Domain.Maintenance;
using Orleans.Concurrency;

namespace FacilityHub.Grains.Maintenance;

/// <summary>Running hours and starts of one item's running metric (key: "equipment/metric"), durable; fed by the
/// equipment grain when the metric changes, read by the maintenance planner.</summary>
[Alias("fh.IRuntimeMeterGrain")]
public interface IRuntimeMeterGrain : IGrainWithStringKey
{
    [Alias("Observe")] Task Observe(DateTimeOffset at, bool running);

    [Alias("Read"), AlwaysInterleave] Task<RuntimeReading> Read();
}
