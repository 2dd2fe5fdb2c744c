namespace FacilityHub.Bench;

/// <summary>One paced run of the load generator: what it sent (messages, not devices) between <see cref="From"/> and
/// <see cref="To"/> (the messages' own timestamps), and what the broker acknowledged.</summary>
internal sealed record LoadStep(double TargetRate, long Sent, long Acknowledged, long Failed, DateTimeOffset From, DateTimeOffset To, TimeSpan Elapsed)
{
    public double AchievedRate => Sent / Elapsed.TotalSeconds;
}
