using System.Globalization;

namespace FacilityHub.Domain.Reports;

/// <summary>A calendar month ("2026-11"), counted in UTC: from the first at 00:00Z to the next month's first.</summary>
public readonly record struct ReportMonth(int Year, int Month)
{
    public DateTimeOffset Start => new(Year, Month, 1, 0, 0, 0, TimeSpan.Zero);

    public DateTimeOffset End => Start.AddMonths(1);

    /// <summary>"yyyy-MM" exactly, years 2000 to 9998.</summary>
    public static bool TryParse(string text, out ReportMonth month)
    {
        month = default;
        if (text.Length != 7 || text[4] != '-'
            || !int.TryParse(text.AsSpan(0, 4), NumberStyles.None, CultureInfo.InvariantCulture, out int year)
            || !int.TryParse(text.AsSpan(5, 2), NumberStyles.None, CultureInfo.InvariantCulture, out int m)
            || year < 2000 || year > 9998 || m < 1 || m > 12)
        {
            return false;
        }
        month = new ReportMonth(year, m);
        return true;
    }

    public bool Contains(DateTimeOffset at) => at >= Start && at < End;

    public override string ToString() => $"{Year:0000}-{Month:00}";
}
