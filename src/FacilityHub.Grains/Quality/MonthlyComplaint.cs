namespace FacilityHub.Grains.Quality;

/// <summary>A complaint as the monthly report needs it ("answered within 24 h").</summary>
[GenerateSerializer, Immutable, Alias("fh.MonthlyComplaint")]
public sealed record MonthlyComplaint(string ComplaintId, string Category, DateTimeOffset ReceivedAt, DateTimeOffset? AnsweredAt, bool AnsweredInTime);
