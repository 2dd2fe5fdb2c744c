namespace FacilityHub.Domain.WorkOrders;

/// <summary>A time limit an order did not meet: which, when it was due, and when the hub noticed.
/// <see cref="Key"/> tells breaches apart (each missed appointment is one).</summary>
public sealed record SlaBreach(SlaClock Clock, DateTimeOffset Due, DateTimeOffset DetectedAt)
{
    public string Key => Clock == SlaClock.Appointment ? $"appointment@{Due.ToUnixTimeMilliseconds()}" : Clock.ToString().ToLowerInvariant();
}
