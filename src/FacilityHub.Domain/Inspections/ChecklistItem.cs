using FacilityHub.Domain.Quality;

namespace FacilityHub.Domain.Inspections;

/// <summary>One line of a checklist; a failure on it is a nonconformance of <see cref="Category"/> and <see cref="Severity"/>.</summary>
public sealed record ChecklistItem(string Id, string Text, string Category, NonconformanceSeverity Severity);
