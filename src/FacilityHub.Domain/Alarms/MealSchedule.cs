using FacilityHub.Domain.Topology;

namespace FacilityHub.Domain.Alarms;

/// <summary>Where a compliance rule's daily periods fall in UTC, in the rule's time zone (DST included).</summary>
public static class MealSchedule
{
    /// <summary>The period going on at <paramref name="at"/>, or else the next one to start.</summary>
    public static MealWindow CurrentOrNext(IReadOnlyList<MealPeriod> periods, TimeZoneInfo zone, DateTimeOffset at)
    {
        var localDay = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(at, zone).DateTime);
        for (int day = -1; day <= 2; day++)
        {
            foreach (var period in periods)
            {
                var window = On(period, zone, localDay.AddDays(day));
                if (window.End > at) return window;
            }
        }
        throw new InvalidOperationException("a compliance rule without periods");
    }

    private static MealWindow On(MealPeriod period, TimeZoneInfo zone, DateOnly day) =>
        new(period, Utc(day.ToDateTime(period.Start), zone), Utc(day.ToDateTime(period.End), zone));

    private static DateTimeOffset Utc(DateTime local, TimeZoneInfo zone)
    {
        // A time skipped by a DST change is taken an hour later; an ambiguous one at its first occurrence.
        if (zone.IsInvalidTime(local)) local = local.AddHours(1);
        var offset = zone.IsAmbiguousTime(local) ? zone.GetAmbiguousTimeOffsets(local).Max() : zone.GetUtcOffset(local);
        return new DateTimeOffset(local, offset).ToUniversalTime();
    }
}
