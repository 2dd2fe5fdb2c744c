namespace FacilityHub.FleetSimulator.Drills;

/// <summary>A scenario fault and when it was actually put into effect (null: the run ended before its time).</summary>
public sealed record DrillInjection(ScenarioFault Fault, DateTimeOffset? At);
