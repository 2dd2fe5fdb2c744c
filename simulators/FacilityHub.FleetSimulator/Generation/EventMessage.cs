using FacilityHub.FleetSimulator.Topology;

namespace FacilityHub.FleetSimulator.Generation;

/// <summary>A discrete event (one of the kind's <c>events</c>), with the alarm zone where it has one.</summary>
public sealed record EventMessage(DeviceSpec Device, DateTimeOffset Timestamp, string Event, string? Zone = null)
    : FleetMessage(Device, Timestamp)
{
    public override string Topic => Device.EventTopic;
}
