using FacilityHub.FleetSimulator.Topology;

namespace FacilityHub.FleetSimulator.Generation;

/// <summary>
/// A message sent as given, byte for byte: what a message fault produces (a broken, oversized or repeated payload).
/// <paramref name="ExpectedRejection"/> is the reason the hub should reject it with (its ingestion stats' key).
/// </summary>
public sealed record RawMessage(DeviceSpec Device, DateTimeOffset Timestamp, string RawTopic, byte[] Payload, string ExpectedRejection)
    : FleetMessage(Device, Timestamp)
{
    public override string Topic => RawTopic;
}
