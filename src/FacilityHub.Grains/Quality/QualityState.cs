namespace FacilityHub.Grains.Quality;

/// <summary>A site's inspections, nonconformances and complaints, oldest first.</summary>
[GenerateSerializer, Alias("fh.QualityState")]
public sealed class QualityState
{
    /// <summary>When the site's plan started: periods before it are not required.</summary>
    [Id(0)] public DateTimeOffset? PlanStartedAt { get; set; }
    [Id(1)] public List<InspectionEntry> Inspections { get; set; } = [];
    [Id(2)] public List<NonconformanceEntry> Nonconformances { get; set; } = [];
    [Id(3)] public List<ComplaintEntry> Complaints { get; set; } = [];
    [Id(4)] public int LastInspection { get; set; }
    [Id(5)] public int LastNonconformance { get; set; }
    [Id(6)] public int LastComplaint { get; set; }
}
