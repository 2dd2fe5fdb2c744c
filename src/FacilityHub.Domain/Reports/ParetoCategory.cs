namespace FacilityHub.Domain.Reports;

/// <summary>One bar of the Pareto chart: a category's count and the cumulative share up to and including it.</summary>
public sealed record ParetoCategory(string Category, int Count, double Percent, double CumulativePercent);
