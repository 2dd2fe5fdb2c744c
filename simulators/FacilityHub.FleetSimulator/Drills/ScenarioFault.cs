using FacilityHub.FleetSimulator.Generation;

namespace FacilityHub.FleetSimulator.Drills;

/// <summary>One fault of a scenario's timeline: <see cref="Fault"/> on <see cref="Equipment"/> at <see cref="AtS"/> seconds,
/// ending <see cref="ClearAfterS"/> seconds later (or never during the run), with what the hub should do about it.</summary>
public sealed record ScenarioFault(string Fault, string Equipment, double AtS = 0, double? ClearAfterS = null, FaultExpectation? Expect = null)
{
    /// <summary>The fault as the fleet's plan takes it.</summary>
    public FaultInjection ToInjection() =>
        new(Fault, Equipment, TimeSpan.FromSeconds(AtS), ClearAfterS is { } c ? TimeSpan.FromSeconds(c) : null);
}
