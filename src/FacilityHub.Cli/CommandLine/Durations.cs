using System.CommandLine;
using System.Globalization;
using System.Text.RegularExpressions;

namespace FacilityHub.Cli.CommandLine;

/// <summary>Durations as operators type them: "90m", "1h", "2d", "1h30m", "45s", "1w".</summary>
public static partial class Durations
{
    // Keeps "now minus the duration" far inside the range a protobuf Timestamp can hold.
    private const long LongestSeconds = 3650L * 86_400;

    public const string Expected = "a duration like 30m, 1h, 2d or 1h30m (units s, m, h, d, w)";

    public static bool TryParse(string? text, out TimeSpan duration)
    {
        duration = TimeSpan.Zero;
        var trimmed = (text ?? "").Trim();
        if (!Pattern().IsMatch(trimmed))
        {
            return false;
        }

        var seconds = 0L;
        foreach (Match part in Part().Matches(trimmed))
        {
            long unit = char.ToLowerInvariant(part.Groups["unit"].Value[0]) switch
            {
                's' => 1,
                'm' => 60,
                'h' => 3600,
                'd' => 86_400,
                _ => 604_800,
            };
            if (!long.TryParse(part.Groups["n"].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var n)
                || n > LongestSeconds / unit)
            {
                return false;
            }

            seconds += n * unit;
            if (seconds > LongestSeconds)
            {
                return false;
            }
        }

        var total = TimeSpan.FromSeconds(seconds);
        if (total <= TimeSpan.Zero)
        {
            return false;
        }

        duration = total;
        return true;
    }

    /// <summary>"1h30m" for 90 minutes; the inverse of <see cref="TryParse"/>.</summary>
    public static string Format(TimeSpan duration)
    {
        if (duration <= TimeSpan.Zero)
        {
            return "0s";
        }

        var text = "";
        if (duration.Days > 0)
        {
            text += $"{duration.Days}d";
        }

        if (duration.Hours > 0)
        {
            text += $"{duration.Hours}h";
        }

        if (duration.Minutes > 0)
        {
            text += $"{duration.Minutes}m";
        }

        if (duration.Seconds > 0 || text.Length == 0)
        {
            text += $"{duration.Seconds}s";
        }

        return text;
    }

    public static string InvalidValueMessage(string optionName, string? text) =>
        $"Invalid value '{text}' for {optionName}: expected {Expected}.";

    /// <summary>A duration option; absent is null, so the command picks (and its help states) the default.</summary>
    public static Option<TimeSpan?> CreateOption(string name, string description) =>
        new(name)
        {
            Description = description,
            HelpName = "30m|1h|2d",
            Arity = ArgumentArity.ExactlyOne,
            CustomParser = result =>
            {
                var text = result.Tokens.Count > 0 ? result.Tokens[0].Value : null;
                if (TryParse(text, out var duration))
                {
                    return duration;
                }

                result.AddError(InvalidValueMessage(name, text));
                return null;
            },
        };

    [GeneratedRegex(@"^(\d+[smhdw])+$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();

    [GeneratedRegex(@"(?<n>\d+)(?<unit>[smhdw])", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Part();
}
