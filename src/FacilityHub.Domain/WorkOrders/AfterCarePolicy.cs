namespace FacilityHub.Domain.WorkOrders;

/// <summary>Configuration "WorkOrders": what follows a reported repair. <see cref="VerifyWindow"/>: how long the device
/// must read normal after it before the repair counts as verified (default 10 minutes); <see cref="FollowUpWithin"/>:
/// when the follow-up call is due after that (DOMAIN.md: within 2 days of closure).</summary>
public sealed class AfterCarePolicy
{
    public const string Section = "WorkOrders";

    public TimeSpan VerifyWindow { get; set; } = TimeSpan.FromMinutes(10);
    public TimeSpan FollowUpWithin { get; set; } = TimeSpan.FromDays(2);

    /// <summary>One line per bad setting, naming it.</summary>
    public IEnumerable<string> Problems()
    {
        if (VerifyWindow <= TimeSpan.Zero) yield return $"{Section}:VerifyWindow: must be a positive time span such as 00:10:00";
        if (FollowUpWithin <= TimeSpan.Zero) yield return $"{Section}:FollowUpWithin: must be a positive time span such as 2.00:00:00";
    }
}
