namespace FacilityHub.Domain.WorkOrders;

/// <summary>The SLA clocks of one order on any clock the caller passes (virtual time in tests): which limits have
/// passed unmet, and when the next one is due. A clock stops when its milestone is reached (reaching it late still
/// stops it, the breach stays on the record); every clock stops when the order ends (resolved, rejected, cancelled).</summary>
public static class SlaClocks
{
    /// <summary>Every limit passed unmet by <paramref name="now"/>, due time first, whose key is not in <paramref name="known"/>.</summary>
    public static IReadOnlyList<SlaBreach> Breaches(SlaPolicy policy, SlaFacts facts, IReadOnlySet<string> known, DateTimeOffset now) =>
        Running(policy, facts)
            .Where(c => c.Due <= now)
            .Select(c => new SlaBreach(c.Clock, c.Due, now))
            .Where(b => !known.Contains(b.Key))
            .OrderBy(b => b.Due)
            .ToList();

    /// <summary>The earliest due time of a clock still running after <paramref name="now"/>; null when none is.</summary>
    public static DateTimeOffset? NextDue(SlaPolicy policy, SlaFacts facts, DateTimeOffset now) =>
        Running(policy, facts).Where(c => c.Due > now).Select(c => (DateTimeOffset?)c.Due).Min();

    private static IEnumerable<(SlaClock Clock, DateTimeOffset Due)> Running(SlaPolicy policy, SlaFacts f)
    {
        if (f.Ended) yield break;
        var limits = policy.For(f.Urgency);
        if (f.AcceptedAt is null) yield return (SlaClock.Response, f.ReportedAt + limits.Response);
        if (f.OnSiteAt is null) yield return (SlaClock.OnSite, f.ReportedAt + limits.OnSite);
        if (f.ResolvedAt is null) yield return (SlaClock.Resolution, f.ReportedAt + limits.Resolution);
        // A visit kept means someone was on site since the time the visit was due (less the slack: early is fine).
        if (f.Appointment is { } visit && !(f.LastOnSiteAt >= visit - policy.AppointmentSlack))
        {
            yield return (SlaClock.Appointment, visit + policy.AppointmentSlack);
        }
    }
}
