using System.Globalization;
using FacilityHub.Dispatch.V1;

namespace FacilityHub.DispatchSimulator;

/// <summary>One step of an accepted order's walk: report <see cref="Kind"/> <see cref="After"/> the acceptance.</summary>
public sealed record WalkStep(ProgressKind Kind, TimeSpan After)
{
    /// <summary>The kinds a walk may take, by their command-line names.</summary>
    public static IReadOnlyDictionary<string, ProgressKind> Kinds { get; } = new Dictionary<string, ProgressKind>(StringComparer.Ordinal)
    {
        ["team_assigned"] = ProgressKind.TeamAssigned,
        ["en_route"] = ProgressKind.EnRoute,
        ["on_site"] = ProgressKind.OnSite,
        ["resolved"] = ProgressKind.Resolved,
        ["nobody_home"] = ProgressKind.NobodyHome,
        ["rescheduled"] = ProgressKind.Rescheduled,
        ["cancelled"] = ProgressKind.Cancelled,
    };

    /// <summary>"en_route+5" (seconds, fractions allowed; "+0" or no offset = at the acceptance).</summary>
    public static WalkStep Parse(string text)
    {
        int plus = text.IndexOf('+', StringComparison.Ordinal);
        string name = plus < 0 ? text : text[..plus];
        if (!Kinds.TryGetValue(name, out var kind))
        {
            throw new FormatException($"'{name}' is not a step; one of: {string.Join(", ", Kinds.Keys)}");
        }

        double seconds = 0;
        if (plus >= 0 && (!double.TryParse(text.AsSpan(plus + 1), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out seconds) || seconds > 86_400 * 30))
        {
            throw new FormatException($"'{text}': the offset after '+' must be seconds (0 to 2592000)");
        }

        return new WalkStep(kind, TimeSpan.FromSeconds(seconds));
    }
}
