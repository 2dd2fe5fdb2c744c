namespace FacilityHub.Domain.Maintenance;

/// <summary>A requested service on a home alarm point, booked like a planned visit: for a team with the skill
/// <see cref="Skill"/>, at the first free slot at or after the preferred time (never in the past), by
/// <see cref="AppointmentBook"/>'s rules, alongside the planned work. How long a visit is booked for depends on the kind.</summary>
public static class HomeAlarmService
{
    public const string Skill = "alarm_systems";

    /// <summary>The booked length of a visit: a commission walks every zone through a test, a relocation moves and
    /// re-tests detectors, a repair replaces a part.</summary>
    public static TimeSpan Duration(HomeAlarmServiceKind kind) => kind switch
    {
        HomeAlarmServiceKind.Commission => TimeSpan.FromMinutes(120),
        HomeAlarmServiceKind.Relocate => TimeSpan.FromMinutes(90),
        HomeAlarmServiceKind.Repair => TimeSpan.FromMinutes(60),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "not a home alarm service"),
    };

    /// <summary>"commission", "relocate", "repair": the name in order ids and on the command line.</summary>
    public static string Name(HomeAlarmServiceKind kind) => kind.ToString().ToLowerInvariant();

    public static string Title(HomeAlarmServiceKind kind) => $"Home alarm {Name(kind)}";

    /// <summary>The order id of the <paramref name="number"/>th service requested: <c>{point}/{kind}/{number}</c>.</summary>
    public static string OrderId(string pointId, HomeAlarmServiceKind kind, long number) => $"{pointId}/{Name(kind)}/{number}";

    /// <summary>The visit for a requested service: the team with the skill that has the earliest free slot at or after
    /// <paramref name="preferred"/> (or now, when that is earlier); null when no team has the skill or none has room
    /// within <see cref="AppointmentBook.Horizon"/>.</summary>
    public static Appointment? Book(MaintenanceSetup setup, IReadOnlyCollection<Appointment> bookings, string orderId,
        HomeAlarmServiceKind kind, DateTimeOffset? preferred, DateTimeOffset now, TimeSpan slack)
    {
        var earliest = preferred is { } p && p > now ? p : now;
        return AppointmentBook.Earliest(setup.TeamsWith(Skill), bookings, orderId, _ => earliest, Duration(kind), slack);
    }
}
