using System.CommandLine;
using FacilityHub.Api.V1;
using FacilityHub.Cli.CommandLine;
using Google.Protobuf.WellKnownTypes;

namespace FacilityHub.Cli.Alarms;

/// <summary>fhub alarms show|ack|shelve|unshelve|comment|out-of-service|return-to-service: one alarm's record and the operators' actions on it.
/// The hub records the token's name as the actor of every action; it refuses one the alarm's state does not
/// allow (FAILED_PRECONDITION, with the reason).</summary>
internal static class AlarmActionCommands
{
    public static Command Show(CliContext context)
    {
        var id = AlarmId();
        var command = new Command("show", "One alarm with every transition on its record.") { id };
        command.SetAction((parseResult, ct) => context.CallHubAsync(parseResult, async (channel, ct) =>
        {
            var alarm = await new AlarmService.AlarmServiceClient(channel)
                .GetAlarmAsync(new GetAlarmRequest { AlarmId = parseResult.GetValue(id)! }, cancellationToken: ct);
            await context.Output.WriteAsync(AlarmsView.RenderOne(alarm));
            return 0;
        }, ct));
        return command;
    }

    public static Command Acknowledge(CliContext context)
    {
        var ids = new Argument<string[]>("ID") { Description = "Alarm ids, e.g. rs-b1-pump-1/pressure_collapse/1.", Arity = ArgumentArity.OneOrMore };
        var note = new Option<string>("--note") { Description = "A remark stored with the acknowledgement.", HelpName = "TEXT" };
        var command = new Command("ack", "Acknowledge one or many alarms.") { ids, note };
        command.SetAction((parseResult, ct) => context.CallHubAsync(parseResult, async (channel, ct) =>
        {
            var request = new AcknowledgeAlarmsRequest { Note = parseResult.GetValue(note) ?? "" };
            request.AlarmIds.AddRange(parseResult.GetValue(ids)!);
            var response = await new AlarmService.AlarmServiceClient(channel).AcknowledgeAlarmsAsync(request, cancellationToken: ct);
            await context.Output.WriteAsync(AlarmsView.Render(response.Alarms));
            return 0;
        }, ct));
        return command;
    }

    public static Command Shelve(CliContext context)
    {
        var id = AlarmId();
        var duration = Durations.CreateOption("--for", "How long to shelve it (at most 7d); it comes back by itself then.");
        duration.Required = true;
        var reason = new Option<string>("--reason") { Description = "Why it is shelved (required).", HelpName = "TEXT", Required = true };
        return OneAlarm(context, new Command("shelve", "Hide an alarm for a while, with a reason.") { id, duration, reason },
            (client, parseResult, ct) => client.ShelveAlarmAsync(new ShelveAlarmRequest
            {
                AlarmId = parseResult.GetValue(id)!,
                Duration = Duration.FromTimeSpan(parseResult.GetValue(duration)!.Value),
                Reason = parseResult.GetValue(reason)!,
            }, cancellationToken: ct).ResponseAsync);
    }

    public static Command Unshelve(CliContext context)
    {
        var id = AlarmId();
        var note = new Option<string>("--note") { Description = "A remark stored with the action.", HelpName = "TEXT" };
        return OneAlarm(context, new Command("unshelve", "Bring a shelved alarm back before its time is up.") { id, note },
            (client, parseResult, ct) => client.UnshelveAlarmAsync(new UnshelveAlarmRequest
            {
                AlarmId = parseResult.GetValue(id)!,
                Note = parseResult.GetValue(note) ?? "",
            }, cancellationToken: ct).ResponseAsync);
    }

    public static Command Comment(CliContext context)
    {
        var id = AlarmId();
        var text = new Argument<string>("TEXT") { Description = "The remark." };
        return OneAlarm(context, new Command("comment", "Add a remark to an alarm's record.") { id, text },
            (client, parseResult, ct) => client.CommentAlarmAsync(new CommentAlarmRequest
            {
                AlarmId = parseResult.GetValue(id)!,
                Text = parseResult.GetValue(text)!,
            }, cancellationToken: ct).ResponseAsync);
    }

    public static Command RemoveFromService(CliContext context)
    {
        var id = AlarmId();
        var reason = new Option<string>("--reason") { Description = "Why, e.g. the detector is broken (required).", HelpName = "TEXT", Required = true };
        return OneAlarm(context, new Command("out-of-service", "Take an alarm out of service until it is returned: recorded, never annunciated.") { id, reason },
            (client, parseResult, ct) => client.RemoveAlarmFromServiceAsync(new RemoveAlarmFromServiceRequest
            {
                AlarmId = parseResult.GetValue(id)!,
                Reason = parseResult.GetValue(reason)!,
            }, cancellationToken: ct).ResponseAsync);
    }

    public static Command ReturnToService(CliContext context)
    {
        var id = AlarmId();
        var note = new Option<string>("--note") { Description = "A remark stored with the action.", HelpName = "TEXT" };
        return OneAlarm(context, new Command("return-to-service", "Put an out-of-service alarm back in service.") { id, note },
            (client, parseResult, ct) => client.ReturnAlarmToServiceAsync(new ReturnAlarmToServiceRequest
            {
                AlarmId = parseResult.GetValue(id)!,
                Note = parseResult.GetValue(note) ?? "",
            }, cancellationToken: ct).ResponseAsync);
    }

    /// <summary>A command that acts on one alarm and shows it as the hub answers.</summary>
    private static Command OneAlarm(
        CliContext context, Command command, Func<AlarmService.AlarmServiceClient, ParseResult, CancellationToken, Task<Alarm>> call)
    {
        command.SetAction((parseResult, ct) => context.CallHubAsync(parseResult, async (channel, ct) =>
        {
            var alarm = await call(new AlarmService.AlarmServiceClient(channel), parseResult, ct);
            await context.Output.WriteAsync(AlarmsView.Render([alarm]));
            return 0;
        }, ct));
        return command;
    }

    private static Argument<string> AlarmId() => new("ID") { Description = "Alarm id, e.g. rs-b1-pump-1/pressure_collapse/1." };
}
