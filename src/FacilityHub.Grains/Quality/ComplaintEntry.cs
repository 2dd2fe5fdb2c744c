namespace FacilityHub.Grains.Quality;

/// <summary>A complaint in the register: category, subject (no personal data), when it came in and its answer.</summary>
[GenerateSerializer, Immutable, Alias("fh.ComplaintEntry")]
public sealed record ComplaintEntry(
    string ComplaintId,
    string SiteId,
    string Category,
    string Subject,
    DateTimeOffset ReceivedAt,
    string RecordedBy,
    DateTimeOffset? AnsweredAt = null,
    string? AnsweredBy = null,
    string? Answer = null);
