using System.Globalization;

namespace FacilityHub.Domain.WorkOrders;

/// <summary>The end-of-day list (DOMAIN.md): for an order not signed off, what it waits for and the time that matters
/// for it: the booked visit while one is booked, else the resolution limit; the verification and follow-up due times
/// after the repair.</summary>
public static class WorkOrderSignOff
{
    /// <param name="resolutionDue">The resolution limit (for a reopened order, counted again from the reopening).</param>
    public static PendingSignOff? Pending(
        WorkOrderStatus status, DateTimeOffset resolutionDue, DateTimeOffset? appointment, DateTimeOffset? verifyDue, DateTimeOffset? followUpDue)
    {
        var visitOrFix = appointment ?? resolutionDue;
        return status switch
        {
            WorkOrderStatus.Closed or WorkOrderStatus.Cancelled => null,
            WorkOrderStatus.Raised => new("not yet at the dispatch system", resolutionDue),
            WorkOrderStatus.Sent => new("not yet accepted", visitOrFix),
            WorkOrderStatus.Accepted => new(appointment is { } a ? $"accepted, visit booked for {Time(a)}" : "accepted, crew not yet on the way", visitOrFix),
            WorkOrderStatus.EnRoute => new("crew en route", visitOrFix),
            WorkOrderStatus.OnSite => new("crew on site, repair under way", resolutionDue),
            WorkOrderStatus.Rescheduled => new(appointment is { } a ? $"rescheduled to {Time(a)}" : "rescheduled, no new appointment yet", visitOrFix),
            WorkOrderStatus.Reopened => new("reopened, waiting for the crew", visitOrFix),
            WorkOrderStatus.Resolved => new(verifyDue is null ? "awaiting verification: the fault is still present" : "awaiting verification: device must read normal", verifyDue),
            WorkOrderStatus.Verified or WorkOrderStatus.FollowedUp => new("awaiting follow-up call", followUpDue),
            WorkOrderStatus.Rejected => new("rejected by the dispatch system: needs another way to be fixed", null),
            _ => new(status.ToString(), null),
        };
    }

    private static string Time(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);
}
