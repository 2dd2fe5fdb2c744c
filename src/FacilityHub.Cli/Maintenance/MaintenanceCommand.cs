using System.CommandLine;
using FacilityHub.Api.V1;
using FacilityHub.Cli.CommandLine;
using Google.Protobuf.WellKnownTypes;

namespace FacilityHub.Cli.Maintenance;

/// <summary>fhub maintenance start|end|list: equipment under maintenance, whose own alarms are suppressed by design
/// for the window and come back by themselves at its end; week|order|reschedule|start-work|complete: engineering orders;
/// request-service|no-access: home alarm services booked as engineering orders.</summary>
internal static class MaintenanceCommand
{
    public static Command Create(CliContext context) =>
        new("maintenance", "Equipment under maintenance (its alarms suppressed for the window) and preventive maintenance orders.")
        {
            Start(context), End(context), List(context), Week(context), Order(context), Reschedule(context), StartWork(context), Complete(context),
            RequestService(context), NoAccess(context),
        };

    private static Command Week(CliContext context)
    {
        var team = new Option<string>("--team") { Description = "The team, e.g. plumbing.", HelpName = "ID", Required = true };
        var week = new Option<string>("--week") { Description = "Any day of the week wanted (yyyy-MM-dd); this week by default.", HelpName = "DATE" };
        var command = new Command("week", "A team's booked visits for one week, in the team's local time.") { team, week };
        command.SetAction((parseResult, ct) => context.CallHubAsync(parseResult, async (channel, ct) =>
        {
            var response = await new MaintenanceService.MaintenanceServiceClient(channel).ListTeamWeekAsync(new ListTeamWeekRequest
            {
                TeamId = parseResult.GetValue(team)!,
                WeekStart = parseResult.GetValue(week) ?? "",
            }, cancellationToken: ct);
            await context.Output.WriteAsync(MaintenanceOrderView.RenderWeek(response));
            return 0;
        }, ct));
        return command;
    }

    private static Command Order(CliContext context)
    {
        var id = OrderId();
        var command = new Command("order", "One engineering order (planned, or a requested home alarm service) with its record.") { id };
        return OneOrder(context, command, (client, parseResult, ct) => client.GetMaintenanceOrderAsync(new GetMaintenanceOrderRequest
        {
            OrderId = parseResult.GetValue(id)!,
        }, cancellationToken: ct).ResponseAsync);
    }

    private static Command Reschedule(CliContext context)
    {
        var id = OrderId();
        var at = TimeOption("The new visit start, ISO 8601 with its offset: 2026-12-01T10:00+08:00 or 2026-12-01T02:00Z.");
        at.Required = true;
        var reason = new Option<string>("--reason") { Description = "Why the visit moves (required).", HelpName = "TEXT", Required = true };
        var command = new Command("reschedule", "Move a scheduled visit; refused when it breaks the team's hours, capacity or slack.") { id, at, reason };
        return OneOrder(context, command, (client, parseResult, ct) => client.RescheduleWorkOrderAsync(new RescheduleWorkOrderRequest
        {
            OrderId = parseResult.GetValue(id)!,
            VisitStart = Timestamp.FromDateTimeOffset(parseResult.GetValue(at)),
            Reason = parseResult.GetValue(reason)!,
        }, cancellationToken: ct).ResponseAsync);
    }

    private static Command StartWork(CliContext context)
    {
        var id = OrderId();
        var command = new Command("start-work", "Start the work of an order: its item goes under maintenance for the booked time.") { id };
        return OneOrder(context, command, (client, parseResult, ct) => client.StartMaintenanceWorkAsync(new StartMaintenanceWorkRequest
        {
            OrderId = parseResult.GetValue(id)!,
        }, cancellationToken: ct).ResponseAsync);
    }

    private static Command Complete(CliContext context)
    {
        var id = OrderId();
        var findings = new Option<string>("--findings") { Description = "What was found and done (required).", HelpName = "TEXT", Required = true };
        var parts = new Option<string[]>("--part")
        {
            Description = "A part used, NAME=QTY (repeat for each).",
            HelpName = "NAME=QTY",
            AllowMultipleArgumentsPerToken = false,
            CustomParser = r => [.. r.Tokens.Select(t => t.Value)],
        };
        var command = new Command("complete", "Complete an order with findings and parts used; its item's maintenance ends.") { id, findings, parts };
        command.SetAction((parseResult, ct) => context.CallHubAsync(parseResult, async (channel, ct) =>
        {
            var request = new CompleteMaintenanceWorkRequest { OrderId = parseResult.GetValue(id)!, Findings = parseResult.GetValue(findings)! };
            foreach (string part in parseResult.GetValue(parts) ?? [])
            {
                int eq = part.LastIndexOf('=');
                if (eq <= 0 || !double.TryParse(part[(eq + 1)..], System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out double qty) || !(qty > 0))
                {
                    await context.Error.WriteLineAsync($"fhub: --part: '{part}' is not NAME=QTY with a positive quantity, e.g. \"bearing grease (g)=40\"");
                    return 2;
                }
                request.Parts.Add(new PartUsed { Part = part[..eq].Trim(), Quantity = qty });
            }
            var order = await new MaintenanceService.MaintenanceServiceClient(channel).CompleteMaintenanceWorkAsync(request, cancellationToken: ct);
            await context.Output.WriteAsync(MaintenanceOrderView.RenderOne(order));
            return 0;
        }, ct));
        return command;
    }

    private static Command RequestService(CliContext context)
    {
        var point = new Argument<string>("POINT") { Description = "The home alarm point, e.g. rs-b1-alarm-0301." };
        var kind = new Option<HomeAlarmServiceKind>("--kind")
        {
            Description = "commission, relocate or repair.",
            HelpName = "KIND",
            Required = true,
            CustomParser = r =>
            {
                string text = r.Tokens[0].Value;
                var kinds = new[] { HomeAlarmServiceKind.Commission, HomeAlarmServiceKind.Relocate, HomeAlarmServiceKind.Repair };
                foreach (var k in kinds)
                {
                    if (string.Equals(k.ToString(), text, StringComparison.OrdinalIgnoreCase)) return k;
                }
                r.AddError($"--kind: '{text}' is not commission, relocate or repair");
                return default;
            },
        };
        var description = new Option<string>("--description") { Description = "What is wrong or wanted (required); no names or phone numbers.", HelpName = "TEXT", Required = true };
        var at = TimeOption("The earliest visit the resident wants, ISO 8601 with its offset; the first free slot from now by default.");
        var command = new Command("request-service", "Book a home alarm service (commission, relocate, repair) for the alarm team at its first free slot.")
        {
            point, kind, description, at,
        };
        return OneOrder(context, command, (client, parseResult, ct) =>
        {
            var request = new RequestHomeAlarmServiceRequest
            {
                EquipmentId = parseResult.GetValue(point)!,
                Kind = parseResult.GetValue(kind),
                Description = parseResult.GetValue(description)!,
            };
            if (parseResult.GetResult(at) is not null) request.PreferredStart = Timestamp.FromDateTimeOffset(parseResult.GetValue(at));
            return client.RequestHomeAlarmServiceAsync(request, cancellationToken: ct).ResponseAsync;
        });
    }

    private static Command NoAccess(CliContext context)
    {
        var id = OrderId();
        var note = new Option<string>("--note") { Description = "The note left at the door (required).", HelpName = "TEXT", Required = true };
        var command = new Command("no-access", "Nobody was home: record the note left and re-book the visit from the next day on.") { id, note };
        return OneOrder(context, command, (client, parseResult, ct) => client.RecordNoAccessAsync(new RecordNoAccessRequest
        {
            OrderId = parseResult.GetValue(id)!,
            Note = parseResult.GetValue(note)!,
        }, cancellationToken: ct).ResponseAsync);
    }

    private static Option<DateTimeOffset> TimeOption(string description) => new("--at")
    {
        Description = description,
        HelpName = "TIME",
        CustomParser = r =>
        {
            string text = r.Tokens[0].Value;
            bool hasOffset = text.EndsWith('Z') || text.EndsWith('z') || System.Text.RegularExpressions.Regex.IsMatch(text, @"[+-]\d\d:?\d\d$");
            if (hasOffset && DateTimeOffset.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var value)) return value;
            r.AddError($"--at: '{text}' is not a time with an offset, e.g. 2026-12-01T10:00+08:00");
            return default;
        },
    };

    private static Argument<string> OrderId() => new("ID") { Description = "The order, e.g. rs-b1-pump-1/pump_inspection/2026-12-07." };

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

    /// <summary>A command that makes one call answered by an engineering order and shows that order.</summary>
    private static Command OneOrder(
        CliContext context, Command command, Func<MaintenanceService.MaintenanceServiceClient, ParseResult, CancellationToken, Task<MaintenanceOrder>> call)
    {
        command.SetAction((parseResult, ct) => context.CallHubAsync(parseResult, async (channel, ct) =>
        {
            var order = await call(new MaintenanceService.MaintenanceServiceClient(channel), parseResult, ct);
            await context.Output.WriteAsync(MaintenanceOrderView.RenderOne(order));
            return 0;
        }, ct));
        return command;
    }
}
