namespace FacilityHub.Domain.WorkOrders;

/// <summary>Configuration "WorkOrders:Sla": the time limits per urgency class, with DOMAIN.md's figures as defaults.
/// Respond within 24 h, on site within 4 h of the report, major faults fixed within 24 h, complex ones within 2 days;
/// FacilityHub assumes an emergency needs a response within 15 minutes and a fix within 24 h like a major fault, and a
/// normal repair a fix within 24 h (the documents give none). Appointments keep 30 minutes of slack.</summary>
public sealed class SlaPolicy
{
    public const string Section = "WorkOrders:Sla";

    public SlaLimits Emergency { get; set; } = new() { Response = TimeSpan.FromMinutes(15), OnSite = TimeSpan.FromHours(4), Resolution = TimeSpan.FromHours(24) };
    public SlaLimits Major { get; set; } = new() { Response = TimeSpan.FromHours(24), OnSite = TimeSpan.FromHours(4), Resolution = TimeSpan.FromHours(24) };
    public SlaLimits Normal { get; set; } = new() { Response = TimeSpan.FromHours(24), OnSite = TimeSpan.FromHours(4), Resolution = TimeSpan.FromHours(24) };
    public SlaLimits Complex { get; set; } = new() { Response = TimeSpan.FromHours(24), OnSite = TimeSpan.FromHours(4), Resolution = TimeSpan.FromDays(2) };

    /// <summary>A visit counts as missed once the appointment is this much past with nobody on site.</summary>
    public TimeSpan AppointmentSlack { get; set; } = TimeSpan.FromMinutes(30);

    public SlaLimits For(WorkOrderUrgency urgency) => urgency switch
    {
        WorkOrderUrgency.Emergency => Emergency,
        WorkOrderUrgency.Major => Major,
        WorkOrderUrgency.Complex => Complex,
        _ => Normal,
    };

    /// <summary>One line per bad setting, naming it.</summary>
    public IEnumerable<string> Problems()
    {
        foreach (var (name, limits) in new[] { ("Emergency", Emergency), ("Major", Major), ("Normal", Normal), ("Complex", Complex) })
        {
            foreach (var clock in new[] { SlaClock.Response, SlaClock.OnSite, SlaClock.Resolution })
            {
                if (limits.Of(clock) <= TimeSpan.Zero) yield return $"{Section}:{name}:{clock}: must be a positive time span such as 04:00:00";
            }
        }
        if (AppointmentSlack < TimeSpan.Zero) yield return $"{Section}:AppointmentSlack: must not be negative";
    }
}
