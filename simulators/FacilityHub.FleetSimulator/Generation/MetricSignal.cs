namespace FacilityHub.FleetSimulator.Generation;

/// <summary>How one metric behaves when the device is healthy.</summary>
/// <param name="Nominal">Value the metric settles at.</param>
/// <param name="Noise">Standard deviation of the reading noise (cut at three deviations).</param>
/// <param name="Response">
/// Share (0..1] of the gap to a new target closed per reading: 1 jumps at once, 0.35 is a
/// temperature with thermal inertia. Faults move targets, so this sets how fast they show.
/// </param>
/// <param name="Decimals">Digits the reading is rounded to, as a real sensor would report.</param>
/// <param name="Role">How the metric follows the device's service periods, when it has any (<see cref="ServiceDay"/>).</param>
public sealed record MetricSignal(double Nominal, double Noise, double Response, int Decimals, ServiceRole Role = ServiceRole.None);
