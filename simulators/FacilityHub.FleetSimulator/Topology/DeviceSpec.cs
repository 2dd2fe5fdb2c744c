namespace FacilityHub.FleetSimulator.Topology;

/// <summary>One device (equipment item or alarm point) of the estate and where it publishes.</summary>
public sealed record DeviceSpec(string SiteId, string BuildingId, string EquipmentId, KindSpec Kind)
{
    /// <summary>Topic prefix shared by the device's telemetry and events.</summary>
    public string TopicPrefix => $"facility/{SiteId}/{BuildingId}/{EquipmentId}";

    /// <summary><c>facility/{site}/{building}/{equipment}/telemetry</c>.</summary>
    public string TelemetryTopic => TopicPrefix + "/telemetry";

    /// <summary><c>facility/{site}/{building}/{equipment}/event</c>.</summary>
    public string EventTopic => TopicPrefix + "/event";
}
