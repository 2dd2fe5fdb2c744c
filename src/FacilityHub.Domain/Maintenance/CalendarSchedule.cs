namespace FacilityHub.Domain.Maintenance;

/// <summary>Due every <see cref="Every"/> days, weeks or months from <see cref="Start"/> (a local date): occurrence k is
/// <c>Start + k * Every</c>. Months count from the start each time, so a plan started on the 31st is due on the last
/// day of shorter months and on the 31st again after them.</summary>
public sealed record CalendarSchedule(int Every, CalendarUnit Unit, DateOnly Start)
{
    public DateOnly Occurrence(long index) => Unit switch
    {
        CalendarUnit.Day => Start.AddDays(checked((int)(index * Every))),
        CalendarUnit.Week => Start.AddDays(checked((int)(index * Every * 7))),
        _ => Start.AddMonths(checked((int)(index * Every))),
    };

    /// <summary>The index of the first occurrence on or after <paramref name="date"/>.</summary>
    public long FirstIndexOnOrAfter(DateOnly date)
    {
        if (date <= Start) return 0;
        long guess = Unit switch
        {
            CalendarUnit.Day => (date.DayNumber - Start.DayNumber) / Every,
            CalendarUnit.Week => (date.DayNumber - Start.DayNumber) / (7L * Every),
            _ => ((date.Year - Start.Year) * 12L + date.Month - Start.Month) / Every,
        };
        guess = Math.Max(0, guess - 1);
        while (Occurrence(guess) < date) guess++;
        return guess;
    }

    public override string ToString() => $"every {Every} {Unit.ToString().ToLowerInvariant()}{(Every == 1 ? "" : "s")} from {Start:yyyy-MM-dd}";
}
