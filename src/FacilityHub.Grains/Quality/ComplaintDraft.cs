namespace FacilityHub.Grains.Quality;

/// <summary>A complaint to record; <see cref="ReceivedAt"/> null: now.</summary>
[GenerateSerializer, Immutable, Alias("fh.ComplaintDraft")]
public sealed record ComplaintDraft(string Category, string Subject, DateTimeOffset? ReceivedAt, string RecordedBy);
