using FacilityHub.Domain.Inspections;

namespace FacilityHub.Grains.Quality;

/// <summary>For one level in a month: rounds the posts required (<see cref="RoundSchedule.RequiredInMonth"/> per post)
/// and rounds recorded.</summary>
[GenerateSerializer, Immutable, Alias("fh.RoundsPlannedDone")]
public sealed record RoundsPlannedDone(InspectionLevel Level, int Planned, int Done);
