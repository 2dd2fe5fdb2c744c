using System.Globalization;

namespace FacilityHub.FleetSimulator.Generation;

/// <summary>
/// One <c>--inject FAULT@EQUIPMENT+SECONDS</c>: start <paramref name="Fault"/> on
/// <paramref name="EquipmentId"/> that long after publishing began; a scenario may give it a
/// <paramref name="ClearAfter"/> of its own (ahead of <c>--clear-after</c>).
/// </summary>
public sealed record FaultInjection(string Fault, string EquipmentId, TimeSpan After, TimeSpan? ClearAfter = null)
{
    /// <summary>The accepted form, for messages.</summary>
    public const string Format = "FAULT@EQUIPMENT+SECONDS (e.g. burst_pipe@rs-b1-pump-1+20)";

    /// <summary>Parses <c>FAULT@EQUIPMENT+SECONDS</c>; <c>+SECONDS</c> may be left out (= at once).</summary>
    /// <exception cref="FormatException">Not of that form.</exception>
    public static FaultInjection Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var at = text.IndexOf('@', StringComparison.Ordinal);
        if (at <= 0 || at == text.Length - 1)
        {
            throw new FormatException($"--inject '{text}' is not of the form {Format}");
        }

        var fault = text[..at];
        var rest = text[(at + 1)..];
        var seconds = 0.0;
        var plus = rest.LastIndexOf('+');
        if (plus >= 0)
        {
            if (!double.TryParse(rest[(plus + 1)..], NumberStyles.Float, CultureInfo.InvariantCulture, out seconds)
                || !double.IsFinite(seconds) || seconds < 0 || seconds > TimeSpan.MaxValue.TotalSeconds / 2)
            {
                throw new FormatException($"--inject '{text}': '{rest[(plus + 1)..]}' is not a number of seconds >= 0");
            }

            rest = rest[..plus];
        }

        if (rest.Length == 0)
        {
            throw new FormatException($"--inject '{text}' names no equipment; expected {Format}");
        }

        return new FaultInjection(fault, rest, TimeSpan.FromSeconds(seconds));
    }

    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{Fault}@{EquipmentId}+{After.TotalSeconds:0.###}");
}
