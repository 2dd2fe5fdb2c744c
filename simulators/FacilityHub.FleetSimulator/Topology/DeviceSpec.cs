namespace FacilityHub.FleetSimulator.Topology;

/// <summary>One device (equipment item or alarm point) of the estate and where it publishes; <see cref="Schedule"/> is
/// the item's service periods when the hub judges an event of it per period (a canteen dishwasher's meals).</summary>
public sealed record DeviceSpec(string SiteId, string BuildingId, string EquipmentId, KindSpec Kind, ServiceSchedule? Schedule = null)
{
    /// <summary>Topic prefix shared by the device's telemetry and events.</summary>
    public string TopicPrefix => $"facility/{SiteId}/{BuildingId}/{EquipmentId}";

    /// <summary><c>facility/{site}/{building}/{equipment}/telemetry</c>.</summary>
    public string TelemetryTopic => TopicPrefix + "/telemetry";

    /// <summary><c>facility/{site}/{building}/{equipment}/event</c>.</summary>
    public string EventTopic => TopicPrefix + "/event";
}
