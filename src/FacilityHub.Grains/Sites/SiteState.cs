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
}
