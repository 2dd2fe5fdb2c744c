namespace FacilityHub.Domain.Maintenance;

/// <summary>An engineering team (工程部 / 维修组) from configuration: its skill, its working days and hours in its time
/// zone, and its capacity, the number of appointments it can keep at the same time (its crews).</summary>
public sealed record MaintenanceTeam(
    string Id,
    string Name,
    string Skill,
    TimeZoneInfo TimeZone,
    IReadOnlySet<DayOfWeek> WorkingDays,
    TimeOnly DayStart,
    TimeOnly DayEnd,
    int Capacity)
{
    /// <summary>The local date of <paramref name="at"/> in the team's time zone.</summary>
    public DateOnly LocalDate(DateTimeOffset at) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(at, TimeZone).DateTime);

    /// <summary>The instant of a local date and time in the team's time zone.</summary>
    public DateTimeOffset At(DateOnly date, TimeOnly time)
    {
        var local = date.ToDateTime(time, DateTimeKind.Unspecified);
        return new DateTimeOffset(local, TimeZone.GetUtcOffset(local)).ToUniversalTime();
    }

    /// <summary>Whether a visit from <paramref name="start"/> lasting <paramref name="duration"/> lies within one working day.</summary>
    public bool IsWithinWorkingHours(DateTimeOffset start, TimeSpan duration)
    {
        var date = LocalDate(start);
        if (!WorkingDays.Contains(date.DayOfWeek)) return false;
        return start >= At(date, DayStart) && start + duration <= At(date, DayEnd);
    }
}
