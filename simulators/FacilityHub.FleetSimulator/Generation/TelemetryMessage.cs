using FacilityHub.FleetSimulator.Topology;

namespace FacilityHub.FleetSimulator.Generation;

/// <summary>A telemetry reading: metric name → value, metrics in topology order.</summary>
public sealed record TelemetryMessage(DeviceSpec Device, DateTimeOffset Timestamp, IReadOnlyList<KeyValuePair<string, double>> Values)
    : FleetMessage(Device, Timestamp)
{
    public override string Topic => Device.TelemetryTopic;

    /// <summary>The value of <paramref name="metric"/>, or null when this reading does not carry it.</summary>
    public double? Value(string metric)
    {
        foreach (var (name, value) in Values)
        {
            if (name == metric)
            {
                return value;
            }
        }

        return null;
    }
}
