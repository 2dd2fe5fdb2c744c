namespace FacilityHub.Grains.Quality;

/// <summary>A site's quality data for one calendar month (in the inspections file's time zone), for the monthly
/// report: rounds planned and done per level, every nonconformance raised in the month, every complaint received in it.</summary>
[GenerateSerializer, Immutable, Alias("fh.MonthlyQualityRecords")]
public sealed record MonthlyQualityRecords(
    string SiteId,
    int Year,
    int Month,
    DateTimeOffset From,
    DateTimeOffset To,
    RoundsPlannedDone[] Rounds,
    MonthlyNonconformance[] Nonconformances,
    MonthlyComplaint[] Complaints);
