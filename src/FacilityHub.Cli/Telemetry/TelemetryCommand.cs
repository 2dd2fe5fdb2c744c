using System.CommandLine;
using FacilityHub.Api.V1;
using FacilityHub.Cli.CommandLine;
using FacilityHub.Cli.Hub;
using FacilityHub.Cli.Output;
using Google.Protobuf.WellKnownTypes;

namespace FacilityHub.Cli.Telemetry;

/// <summary>fhub telemetry history ID --metric NAME [--since 1h] [--limit N]</summary>
internal static class TelemetryCommand
{
    private const int MaxPageSize = 10_000;
    private static readonly TimeSpan DefaultSince = TimeSpan.FromHours(1);

    public static Command Create(CliContext context)
    {
        var id = new Argument<string>("ID") { Description = "Equipment item id, e.g. pump-1." };
        var metric = new Option<string>("--metric")
        {
            Description = "Metric name, e.g. outlet_pressure_bar.",
            HelpName = "NAME",
            Required = true,
        };
        var since = Durations.CreateOption("--since", "How far back from now, e.g. 30m, 1h, 2d (default 1h).");
        var limit = Limits.CreateOption("points", 500);

        var history = new Command("history", "Show the points of one metric of one equipment item, oldest first.")
        {
            id, metric, since, limit,
        };
        history.SetAction((parseResult, ct) => context.CallHubAsync(parseResult, async (channel, ct) =>
        {
            var equipmentId = parseResult.GetValue(id)!;
            var metricName = parseResult.GetValue(metric)!;
            var back = parseResult.GetValue(since) ?? DefaultSince;
            var max = parseResult.GetValue(limit);
            var end = context.Time.GetUtcNow();
            var start = end - back;

            var client = new TelemetryService.TelemetryServiceClient(channel);
            var unit = "";
            var points = await Paging.CollectAsync(max, MaxPageSize, async (pageSize, token, ct) =>
            {
                var page = await client.GetTelemetryHistoryAsync(new GetTelemetryHistoryRequest
                {
                    EquipmentId = equipmentId,
                    Metric = metricName,
                    StartTime = Timestamp.FromDateTimeOffset(start),
                    EndTime = Timestamp.FromDateTimeOffset(end),
                    PageSize = pageSize,
                    PageToken = token,
                }, cancellationToken: ct);
                unit = page.Unit.Length > 0 ? page.Unit : unit;
                return new Page<TelemetryPoint>(page.Points, page.NextPageToken);
            }, ct);

            if (points.Items.Count == 0)
            {
                await context.Output.WriteLineAsync(
                    $"No points of {metricName} on {equipmentId} since {Display.Time(start)} ({Durations.Format(back)} ago).");
                return 0;
            }

            await context.Output.WriteAsync(TelemetryHistoryView.Render(unit, points.Items));
            if (points.More)
            {
                await context.Error.WriteLineAsync(
                    $"fhub: showing the first {points.Items.Count} points; there are more (raise --limit or shorten --since)");
            }

            return 0;
        }, ct));

        return new Command("telemetry", "Telemetry history from the time-series store.") { history };
    }
}
