using FacilityHub.FleetSimulator.Topology;

namespace FacilityHub.FleetSimulator.Generation;

/// <summary>Something a simulated device sends: a telemetry reading or an event.</summary>
/// <param name="Device">The sending device.</param>
/// <param name="Timestamp">Device time, written as <c>ts</c> in the payload.</param>
public abstract record FleetMessage(DeviceSpec Device, DateTimeOffset Timestamp)
{
    /// <summary>The MQTT topic the message goes to.</summary>
    public abstract string Topic { get; }
}
