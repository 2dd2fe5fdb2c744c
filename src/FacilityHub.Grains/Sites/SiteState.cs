using FacilityHub.Grains.Alarms;
using FacilityHub.Grains.WorkOrders;

namespace FacilityHub.Grains.Sites;

[GenerateSerializer, Alias("fh.SiteState")]
public sealed class SiteState
{
    [Id(0)] public Dictionary<string, AlarmView> Alarms { get; set; } = [];
    [Id(1)] public Dictionary<string, WorkOrderView> WorkOrders { get; set; } = [];
    /// <summary>Number of the last change to the alarms (the watch stream's sequence).</summary>
    [Id(2)] public long AlarmSequence { get; set; }
    /// <summary>New alarm occurrences, in arrival order, bounded (<see cref="SiteGrain.ActivationsKeptFor"/>,
    /// <see cref="SiteGrain.MaxActivationsKept"/>): what the alarm KPIs are computed from.</summary>
    [Id(3)] public List<AlarmActivationEntry> Activations { get; set; } = [];
    /// <summary>Every activation logged, ever (the activations counter).</summary>
    [Id(4)] public long ActivationsRecorded { get; set; }
}
