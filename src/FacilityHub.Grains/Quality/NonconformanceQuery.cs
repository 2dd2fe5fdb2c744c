using FacilityHub.Domain.Quality;

namespace FacilityHub.Grains.Quality;

/// <summary>Which nonconformances to list (null: any), newest first, from <see cref="Offset"/>.</summary>
[GenerateSerializer, Immutable, Alias("fh.NonconformanceQuery")]
public sealed record NonconformanceQuery(NonconformanceState? State, string? Category, bool EscalatedOnly, int Offset, int Limit);
