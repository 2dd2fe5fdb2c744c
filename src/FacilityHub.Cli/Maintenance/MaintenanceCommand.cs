using System.CommandLine;
using FacilityHub.Api.V1;
using FacilityHub.Cli.CommandLine;
using Google.Protobuf.WellKnownTypes;

namespace FacilityHub.Cli.Maintenance;

/// <summary>fhub maintenance start|end|list: equipment under maintenance, whose own alarms are suppressed by design
/// for the window and come back by themselves at its end.</summary>
internal static class MaintenanceCommand
{
    public static Command Create(CliContext context) =>
        new("maintenance", "Equipment under maintenance: its alarms are suppressed for the window.") { Start(context), End(context), List(context) };

    private static Command Start(CliContext context)
    {
        var id = EquipmentId();
        var duration = Durations.CreateOption("--for", "How long the work takes (at most 7d); the alarms come back by themselves then.");
        duration.Required = true;
        var reason = new Option<string>("--reason") { Description = "What is being done (required).", HelpName = "TEXT", Required = true };
        var command = new Command("start", "Put an equipment item under maintenance.") { id, duration, reason };
        command.SetAction((parseResult, ct) => context.CallHubAsync(parseResult, async (channel, ct) =>
        {
            var window = await new MaintenanceService.MaintenanceServiceClient(channel).StartMaintenanceAsync(new StartMaintenanceRequest
            {
                EquipmentId = parseResult.GetValue(id)!,
                Duration = Duration.FromTimeSpan(parseResult.GetValue(duration)!.Value),
                Reason = parseResult.GetValue(reason)!,
            }, cancellationToken: ct);
            await context.Output.WriteAsync(MaintenanceView.Render([window]));
            return 0;
        }, ct));
        return command;
    }

    private static Command End(CliContext context)
    {
        var id = EquipmentId();
        var note = new Option<string>("--note") { Description = "A remark stored on the alarms' record.", HelpName = "TEXT" };
        var command = new Command("end", "End an item's maintenance now; its alarms come back.") { id, note };
        command.SetAction((parseResult, ct) => context.CallHubAsync(parseResult, async (channel, ct) =>
        {
            var window = await new MaintenanceService.MaintenanceServiceClient(channel).EndMaintenanceAsync(new EndMaintenanceRequest
            {
                EquipmentId = parseResult.GetValue(id)!,
                Note = parseResult.GetValue(note) ?? "",
            }, cancellationToken: ct);
            await context.Output.WriteAsync(MaintenanceView.Render([window]));
            return 0;
        }, ct));
        return command;
    }

    private static Command List(CliContext context)
    {
        var site = new Option<string>("--site") { Description = "Only items on this site.", HelpName = "ID" };
        var command = new Command("list", "The items under maintenance now, soonest end first.") { site };
        command.SetAction((parseResult, ct) => context.CallHubAsync(parseResult, async (channel, ct) =>
        {
            var response = await new MaintenanceService.MaintenanceServiceClient(channel).ListMaintenanceAsync(new ListMaintenanceRequest
            {
                SiteId = parseResult.GetValue(site) ?? "",
            }, cancellationToken: ct);
            if (response.Windows.Count == 0)
            {
                await context.Output.WriteLineAsync("No equipment is under maintenance.");
                return 0;
            }
            await context.Output.WriteAsync(MaintenanceView.Render(response.Windows));
            return 0;
        }, ct));
        return command;
    }

    private static Argument<string> EquipmentId() => new("ID") { Description = "The equipment item, e.g. rs-b1-pump-1." };
}
