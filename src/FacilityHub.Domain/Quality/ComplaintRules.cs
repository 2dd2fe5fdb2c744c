using System.Text.RegularExpressions;

namespace FacilityHub.Domain.Quality;

/// <summary>The complaints register (customer service): what a complaint may say, and the 24-hour answer target.
/// It carries no personal data: a text holding something shaped like a phone number is refused.</summary>
public static partial class ComplaintRules
{
    /// <summary>DOMAIN.md: 95 % of complaints answered within 24 h.</summary>
    public static readonly TimeSpan AnswerTarget = TimeSpan.FromHours(24);

    public static void CheckText(string text, string field)
    {
        if (PhoneLike().IsMatch(text)) throw new ArgumentException($"{field}: looks like it holds a phone number; the register keeps no residents' personal data");
    }

    public static void CheckReceived(DateTimeOffset receivedAt, DateTimeOffset now)
    {
        if (receivedAt > now + TimeSpan.FromMinutes(1)) throw new ArgumentException("received_at: is in the future");
        if (now - receivedAt > TimeSpan.FromDays(31)) throw new ArgumentException("received_at: is more than 31 days ago");
    }

    public static bool AnsweredInTime(DateTimeOffset receivedAt, DateTimeOffset? answeredAt) => answeredAt is { } a && a - receivedAt <= AnswerTarget;

    [GeneratedRegex(@"\d(?:[\s-]?\d){6,}")]
    private static partial Regex PhoneLike();
}
