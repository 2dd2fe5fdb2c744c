using System.CommandLine;
using FacilityHub.Api.V1;

namespace FacilityHub.Cli.Ingestion;

/// <summary>fhub ingestion stats</summary>
internal static class IngestionCommand
{
    public static Command Create(CliContext context)
    {
        var stats = new Command("stats", "Show the MQTT ingestion counters: accepted, points written and failed, rejected by reason.");
        stats.SetAction((parseResult, ct) => context.CallHubAsync(parseResult, async (channel, ct) =>
        {
            var counters = await new TelemetryService.TelemetryServiceClient(channel)
                .GetIngestionStatsAsync(new GetIngestionStatsRequest(), cancellationToken: ct);
            await context.Output.WriteAsync(IngestionStatsView.Render(counters));
            return 0;
        }, ct));

        return new Command("ingestion", "The MQTT ingestion pipeline.") { stats };
    }
}
