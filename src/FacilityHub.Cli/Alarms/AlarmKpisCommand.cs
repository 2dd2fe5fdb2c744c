using System.CommandLine;
using FacilityHub.Api.V1;
using FacilityHub.Cli.CommandLine;
using Google.Protobuf.WellKnownTypes;

namespace FacilityHub.Cli.Alarms;

/// <summary>fhub alarms kpis --site S [--window 24h]: the site's alarm-system KPIs (EEMUA 191).</summary>
internal static class AlarmKpisCommand
{
    public static Command Create(CliContext context)
    {
        var site = new Option<string>("--site") { Description = "The site (its operators' position).", HelpName = "ID", Required = true };
        var window = Durations.CreateOption("--window", "How far back from now (default 24h, at most 7d).");
        var command = new Command("kpis", "Alarm-system KPIs (EEMUA 191) of a site: alarm rate, floods, chattering, stale and most frequent alarms.")
        {
            site, window,
        };
        command.SetAction((parseResult, ct) => context.CallHubAsync(parseResult, async (channel, ct) =>
        {
            var request = new GetAlarmKpisRequest { SiteId = parseResult.GetValue(site)! };
            // Absent: the hub's default window.
            if (parseResult.GetValue(window) is { } back) request.Window = Duration.FromTimeSpan(back);
            var kpis = await new AlarmService.AlarmServiceClient(channel).GetAlarmKpisAsync(request, cancellationToken: ct);
            await context.Output.WriteAsync(AlarmKpisView.Render(kpis));
            return 0;
        }, ct));
        return command;
    }
}
