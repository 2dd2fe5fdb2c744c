namespace FacilityHub.FleetSimulator.Drills;

/// <summary>
/// A fault drill: the fleet runs for <see cref="DurationS"/> seconds with a fixed <see cref="Seed"/>, the
/// <see cref="Faults"/> are injected on their timeline, and the hub's answer is scored against <see cref="Expect"/>.
/// </summary>
public sealed record Scenario(
    string Name,
    double DurationS,
    IReadOnlyList<ScenarioFault> Faults,
    int? Seed = null,
    double? IntervalS = null,
    string? Description = null,
    DrillExpectations? Expect = null)
{
    /// <summary>The global expectations, defaults filled in.</summary>
    public DrillExpectations Expectations => Expect ?? new DrillExpectations();
}
