using FacilityHub.Api.V1;
using FacilityHub.Cli.Output;

namespace FacilityHub.Cli.Telemetry;

/// <summary>Telemetry points as a table, oldest first; milliseconds only when the points need them.</summary>
public static class TelemetryHistoryView
{
    public static string Render(string unit, IReadOnlyList<TelemetryPoint> points)
    {
        var milliseconds = Display.NeedMilliseconds(points.Select(p => p.Time));
        var table = new TextTable("TIME", string.IsNullOrEmpty(unit) ? "VALUE" : $"VALUE ({unit})").AlignRight(1);
        foreach (var point in points)
        {
            table.AddRow(Display.Time(point.Time, milliseconds), Display.Number(point.Value));
        }

        return table.Render();
    }
}
