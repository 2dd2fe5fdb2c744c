namespace FacilityHub.Domain.Inspections;

/// <summary>When each post's next round falls due, and how many a month requires. Daily: within 3 working days of
/// the post's last daily round (or of the plan's start), by the end of that day. Weekly: once per local week
/// (Monday to Sunday), by its end. Monthly: once per calendar month, by its end. A period that began before the
/// plan started is not required (nobody could have known).</summary>
public static class RoundSchedule
{
    public const int DailyCoverageWorkingDays = 3;

    public static RoundDue Next(InspectionPost post, InspectionLevel level, WorkingCalendar calendar, DateTimeOffset planStart, DateTimeOffset? lastDoneAt, DateTimeOffset now)
    {
        var due = level switch
        {
            InspectionLevel.Daily => calendar.StartOf(calendar.AddWorkingDays(calendar.LocalDay(lastDoneAt ?? planStart), DailyCoverageWorkingDays).AddDays(1)),
            InspectionLevel.Weekly => PeriodDue(lastDoneAt, planStart, at => WeekStart(calendar, at), start => start.AddDays(7), calendar),
            InspectionLevel.Monthly => PeriodDue(lastDoneAt, planStart, at => MonthStart(calendar, at), start => start.AddMonths(1), calendar),
            _ => throw new ArgumentOutOfRangeException(nameof(level)),
        };
        return new RoundDue(post, level, due, lastDoneAt, now >= due);
    }

    /// <summary>Rounds a month requires of one post at a level: daily, one per started block of 3 working days;
    /// weekly, one per week that ends in the month; monthly, one.</summary>
    public static int RequiredInMonth(InspectionLevel level, WorkingCalendar calendar, int year, int month) => level switch
    {
        InspectionLevel.Daily => (calendar.WorkingDaysIn(year, month) + DailyCoverageWorkingDays - 1) / DailyCoverageWorkingDays,
        InspectionLevel.Weekly => Enumerable.Range(1, DateTime.DaysInMonth(year, month)).Count(d => new DateOnly(year, month, d).DayOfWeek == DayOfWeek.Sunday),
        InspectionLevel.Monthly => 1,
        _ => throw new ArgumentOutOfRangeException(nameof(level)),
    };

    /// <summary>The end of the earliest period (from the plan's start) without a round; a round in the current period
    /// moves the due time to the end of the next.</summary>
    private static DateTimeOffset PeriodDue(DateTimeOffset? lastDoneAt, DateTimeOffset planStart, Func<DateTimeOffset, DateOnly> periodStart, Func<DateOnly, DateOnly> next, WorkingCalendar calendar)
    {
        // The first period judged is the one after the plan started, unless it started at its very beginning.
        var first = periodStart(planStart);
        if (calendar.StartOf(first) < planStart) first = next(first);
        var from = lastDoneAt is { } done ? next(periodStart(done)) : first;
        if (from < first) from = first;
        return calendar.StartOf(next(from));
    }

    private static DateOnly WeekStart(WorkingCalendar calendar, DateTimeOffset at)
    {
        var day = calendar.LocalDay(at);
        return day.AddDays(-(((int)day.DayOfWeek + 6) % 7));
    }

    private static DateOnly MonthStart(WorkingCalendar calendar, DateTimeOffset at)
    {
        var day = calendar.LocalDay(at);
        return new DateOnly(day.Year, day.Month, 1);
    }
}
