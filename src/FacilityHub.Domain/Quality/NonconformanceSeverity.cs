namespace FacilityHub.Domain.Quality;

/// <summary>How serious a nonconformance is.</summary>
public enum NonconformanceSeverity
{
    Minor = 1,
    Major = 2,
    Critical = 3,
}
