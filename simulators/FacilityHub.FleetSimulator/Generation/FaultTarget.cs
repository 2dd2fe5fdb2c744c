namespace FacilityHub.FleetSimulator.Generation;

/// <summary>Where a fault drives one metric: the value it settles at, and the noise around it.</summary>
public sealed record FaultTarget(string Metric, double Value, double Noise);
