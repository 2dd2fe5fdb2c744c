namespace FacilityHub.Domain.WorkOrders;

/// <summary>The time limits an order runs against (DOMAIN.md "Time limits").</summary>
public enum SlaClock
{
    /// <summary>The dispatch system accepts the order (someone responds).</summary>
    Response = 1,
    /// <summary>Staff reach the site, counted from the report.</summary>
    OnSite = 2,
    /// <summary>The fault is fixed (resolved).</summary>
    Resolution = 3,
    /// <summary>The booked visit happens (on site by the appointment plus its slack), unless it was moved before.</summary>
    Appointment = 4,
}
