using FacilityHub.Grains.Alarms;
using FacilityHub.Grains.WorkOrders;

namespace FacilityHub.Grains.Sites;

[GenerateSerializer, Alias("fh.SiteState")]
public sealed class SiteState
{
    [Id(0)] public Dictionary<string, AlarmView> Alarms { get; set; } = [];
    [Id(1)] public Dictionary<string, WorkOrderView> WorkOrders { get; set; } = [];
}
