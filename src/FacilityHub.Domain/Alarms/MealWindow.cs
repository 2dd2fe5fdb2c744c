using FacilityHub.Domain.Topology;

namespace FacilityHub.Domain.Alarms;

/// <summary>One occurrence of a <see cref="MealPeriod"/> on a given day, in UTC.</summary>
public sealed record MealWindow(MealPeriod Period, DateTimeOffset Start, DateTimeOffset End);
