using System.Globalization;
using Google.Protobuf.WellKnownTypes;

namespace FacilityHub.Cli.Output;

/// <summary>How single values are shown in tables: UTC times, invariant numbers, "-" for nothing.</summary>
public static class Display
{
    public const string Nothing = "-";

    /// <summary>"2026-11-25 10:00:03Z"; with <paramref name="milliseconds"/> "2026-11-25 10:00:03.250Z".</summary>
    public static string Time(Timestamp? timestamp, bool milliseconds = false)
    {
        if (timestamp is null)
        {
            return Nothing;
        }

        DateTimeOffset utc;
        try
        {
            utc = timestamp.ToDateTimeOffset();
        }
        catch (InvalidOperationException)
        {
            // Outside 0001..9999 or not normalised: show what came, rather than fail the whole table.
            return $"{timestamp.Seconds}s+{timestamp.Nanos}ns";
        }

        return Time(utc, milliseconds);
    }

    public static string Time(DateTimeOffset time, bool milliseconds = false) =>
        time.UtcDateTime.ToString(
            milliseconds ? "yyyy-MM-dd HH:mm:ss.fff'Z'" : "yyyy-MM-dd HH:mm:ss'Z'",
            CultureInfo.InvariantCulture);

    /// <summary>True when some time has a fraction of a second, so a table of them needs milliseconds.</summary>
    public static bool NeedMilliseconds(IEnumerable<Timestamp?> timestamps) =>
        timestamps.Any(t => t is not null && t.Nanos >= 1_000_000);

    /// <summary>Shortest text that reads back as the same double, e.g. "3.2", "1E-05", "NaN".</summary>
    public static string Number(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    public static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);

    public static string Text(string? value) => string.IsNullOrEmpty(value) ? Nothing : value;
}
