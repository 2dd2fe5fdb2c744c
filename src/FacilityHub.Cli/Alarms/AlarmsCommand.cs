using System.CommandLine;
using FacilityHub.Api.V1;
using FacilityHub.Cli.CommandLine;
using FacilityHub.Cli.Hub;

namespace FacilityHub.Cli.Alarms;

/// <summary>fhub alarms list|show|ack|shelve|unshelve|comment|watch|kpis</summary>
internal static class AlarmsCommand
{
    private const int MaxPageSize = 1000;

    public static Command Create(CliContext context)
    {
        var site = new Option<string>("--site") { Description = "Only alarms on this site.", HelpName = "ID" };
        var building = new Option<string>("--building") { Description = "Only alarms in this building.", HelpName = "ID" };
        var equipment = new Option<string>("--equipment") { Description = "Only alarms on this equipment item.", HelpName = "ID" };
        var priority = CliNames.AlarmPriorities.CreateOption("--priority", "Only alarms of this priority.");
        var state = CliNames.AlarmStates.CreateOption("--state", "Only alarms in this lifecycle state.");
        var active = new Option<bool>("--active") { Description = "Only alarms whose condition holds now (shelved ones included)." };
        var limit = Limits.CreateOption("alarms", 100);

        var list = new Command("list", "List alarms, newest first.")
        {
            site, building, equipment, priority, state, active, limit,
        };
        list.SetAction((parseResult, ct) => context.CallHubAsync(parseResult, async (channel, ct) =>
        {
            var client = new AlarmService.AlarmServiceClient(channel);
            var alarms = await Paging.CollectAsync(parseResult.GetValue(limit), MaxPageSize, async (pageSize, token, ct) =>
            {
                var page = await client.ListAlarmsAsync(new ListAlarmsRequest
                {
                    SiteId = parseResult.GetValue(site) ?? "",
                    BuildingId = parseResult.GetValue(building) ?? "",
                    EquipmentId = parseResult.GetValue(equipment) ?? "",
                    Priority = parseResult.GetValue(priority) ?? AlarmPriority.Unspecified,
                    State = parseResult.GetValue(state) ?? AlarmState.Unspecified,
                    ConditionActiveOnly = parseResult.GetValue(active),
                    PageSize = pageSize,
                    PageToken = token,
                }, cancellationToken: ct);
                return new Page<Alarm>(page.Alarms, page.NextPageToken);
            }, ct);

            if (alarms.Items.Count == 0)
            {
                await context.Output.WriteLineAsync("No alarms match.");
                return 0;
            }

            await context.Output.WriteAsync(AlarmsView.Render(alarms.Items));
            if (alarms.More)
            {
                await context.Error.WriteLineAsync(
                    $"fhub: showing the newest {alarms.Items.Count} alarms; there are more (raise --limit or filter)");
            }

            return 0;
        }, ct));

        return new Command("alarms", "Alarms raised by the rules, and the operators' actions on them.")
        {
            list,
            AlarmActionCommands.Show(context),
            AlarmActionCommands.Acknowledge(context),
            AlarmActionCommands.Shelve(context),
            AlarmActionCommands.Unshelve(context),
            AlarmActionCommands.Comment(context),
            AlarmActionCommands.RemoveFromService(context),
            AlarmActionCommands.ReturnToService(context),
            AlarmWatchCommand.Create(context),
            AlarmKpisCommand.Create(context),
        };
    }
}
