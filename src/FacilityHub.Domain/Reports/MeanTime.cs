namespace FacilityHub.Domain.Reports;

/// <summary>An average duration over <see cref="Count"/> cases (null when there were none), and how many cases of the
/// month were left out because they had not reached their end yet.</summary>
public sealed record MeanTime(TimeSpan? Mean, int Count, int Pending);
