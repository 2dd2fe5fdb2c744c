namespace FacilityHub.Domain.Maintenance;

/// <summary>A booked visit of a team for an order, from <see cref="Start"/> to <see cref="End"/>.</summary>
public sealed record Appointment(string OrderId, string TeamId, DateTimeOffset Start, DateTimeOffset End)
{
    public TimeSpan Duration => End - Start;
}
