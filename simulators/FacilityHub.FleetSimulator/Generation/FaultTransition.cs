using FacilityHub.FleetSimulator.Topology;

namespace FacilityHub.FleetSimulator.Generation;

/// <summary>A fault starting (<paramref name="Starts"/>) or clearing on a device, <paramref name="At"/> after publishing began.</summary>
public sealed record FaultTransition(TimeSpan At, DeviceSpec Device, FaultSpec Fault, bool Starts);
