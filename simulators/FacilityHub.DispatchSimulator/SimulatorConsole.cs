using System.Text;

namespace FacilityHub.DispatchSimulator;

/// <summary>
/// One-line console messages of the simulator. Lines are written whole (calls arrive on many
/// threads) and field values are stripped of control characters, so a caller-chosen key cannot
/// forge or break up log lines.
/// </summary>
public sealed class SimulatorConsole(TextWriter output)
{
    private readonly TextWriter _output = TextWriter.Synchronized(output);

    /// <summary>Writes one line prefixed with <c>[dispatch]</c>.</summary>
    public void Line(string message) => _output.WriteLine("[dispatch] " + message);

    /// <summary>A caller-supplied value made safe for a one-line log message.</summary>
    public static string Safe(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return "-";
        }

        var builder = new StringBuilder(value.Length);
        foreach (var c in value)
        {
            builder.Append(char.IsControl(c) ? '?' : c);
        }

        return builder.ToString();
    }
}
