namespace FacilityHub.Grains.Quality;

/// <summary>A recorded round and the nonconformances its failed items raised.</summary>
[GenerateSerializer, Immutable, Alias("fh.InspectionRecorded")]
public sealed record InspectionRecorded(InspectionEntry Inspection, NonconformanceEntry[] Raised);
