namespace FacilityHub.Domain.Inspections;

/// <summary>Working days in the estate's time zone: Monday to Friday, less public holidays, plus the weekend days
/// declared working days (China's adjusted working weekends).</summary>
public sealed class WorkingCalendar(TimeZoneInfo zone, IReadOnlySet<DateOnly> holidays, IReadOnlySet<DateOnly> workingWeekendDays)
{
    public TimeZoneInfo Zone { get; } = zone;

    public static WorkingCalendar WeekdaysIn(TimeZoneInfo zone) => new(zone, new HashSet<DateOnly>(), new HashSet<DateOnly>());

    public bool IsWorkingDay(DateOnly day) =>
        workingWeekendDays.Contains(day) || (day.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday) && !holidays.Contains(day));

    public DateOnly LocalDay(DateTimeOffset at) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(at, Zone).DateTime);

    /// <summary>The instant the local day <paramref name="day"/> starts.</summary>
    public DateTimeOffset StartOf(DateOnly day)
    {
        var local = day.ToDateTime(TimeOnly.MinValue);
        if (Zone.IsInvalidTime(local)) local = local.AddHours(1);
        return new DateTimeOffset(local, Zone.GetUtcOffset(local)).ToUniversalTime();
    }

    /// <summary>The <paramref name="count"/>-th working day after <paramref name="day"/>.</summary>
    public DateOnly AddWorkingDays(DateOnly day, int count)
    {
        while (count > 0)
        {
            day = day.AddDays(1);
            if (IsWorkingDay(day)) count--;
        }
        return day;
    }

    public int WorkingDaysIn(int year, int month)
    {
        int n = 0;
        for (var d = new DateOnly(year, month, 1); d.Month == month; d = d.AddDays(1))
        {
            if (IsWorkingDay(d)) n++;
        }
        return n;
    }
}
