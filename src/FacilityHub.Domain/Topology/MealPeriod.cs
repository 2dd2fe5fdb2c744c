namespace FacilityHub.Domain.Topology;

/// <summary>A daily period (local time of the rule's time zone) in which at least <see cref="Minimum"/> of the
/// rule's event must happen, e.g. breakfast 06:00-09:30, 4 wash-water changes.</summary>
public sealed record MealPeriod(string Name, TimeOnly Start, TimeOnly End, int Minimum);
