using FacilityHub.Api.V1;
using FacilityHub.Cli.Output;

namespace FacilityHub.Cli.Ingestion;

/// <summary>The ingestion pipeline's counters, rejected messages broken down by reason.</summary>
public static class IngestionStatsView
{
    public static string Render(IngestionStats stats)
    {
        var table = TextTable.WithoutHeader(2).AlignRight(1)
            .AddRow("Accepted", Display.Number(stats.Accepted))
            .AddRow("Points written", Display.Number(stats.PointsWritten))
            .AddRow("Points failed", Display.Number(stats.PointsFailed))
            .AddRow("Points spooled", Display.Number(stats.PointsSpooled))
            .AddRow("Rejected", Display.Number(stats.Rejected.Values.Sum()));
        foreach (var (reason, count) in stats.Rejected.OrderBy(r => r.Key, StringComparer.Ordinal))
        {
            table.AddRow("  " + reason, Display.Number(count));
        }

        return table.Render();
    }
}
