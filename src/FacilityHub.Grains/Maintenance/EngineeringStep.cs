namespace FacilityHub.Grains.Maintenance;

/// <summary>One step on an engineering order's record: when, who, what.</summary>
[GenerateSerializer, Immutable, Alias("fh.EngineeringStep")]
public sealed record EngineeringStep(DateTimeOffset At, string Actor, string What);
