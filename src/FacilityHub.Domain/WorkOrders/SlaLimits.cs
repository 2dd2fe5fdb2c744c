namespace FacilityHub.Domain.WorkOrders;

/// <summary>The limits of one urgency class, each counted from when the fault was reported.</summary>
public sealed class SlaLimits
{
    public TimeSpan Response { get; set; }
    public TimeSpan OnSite { get; set; }
    public TimeSpan Resolution { get; set; }

    public TimeSpan Of(SlaClock clock) => clock switch
    {
        SlaClock.Response => Response,
        SlaClock.OnSite => OnSite,
        SlaClock.Resolution => Resolution,
        _ => throw new ArgumentOutOfRangeException(nameof(clock), clock, "not counted from the report"),
    };
}
