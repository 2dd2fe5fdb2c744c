namespace FacilityHub.Grains.Quality;

/// <summary>One step of a nonconformance's record: raised, action assigned, completed, verified, rejected, escalated.</summary>
[GenerateSerializer, Immutable, Alias("fh.NonconformanceStepEntry")]
public sealed record NonconformanceStepEntry(DateTimeOffset At, string Actor, string What, string Note);
