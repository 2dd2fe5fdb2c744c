using FacilityHub.Domain.Maintenance;

namespace FacilityHub.Grains.Maintenance;

/// <summary>A home alarm service to book: the point (which locates the home), the kind, what is wrong or wanted, the
/// preferred visit (null: the first free slot) and who records it. No resident's name or phone.</summary>
[GenerateSerializer, Immutable, Alias("fh.HomeAlarmServiceRequest")]
public sealed record HomeAlarmServiceRequest(string PointId, HomeAlarmServiceKind Kind, string Description, DateTimeOffset? Preferred, string Actor);
