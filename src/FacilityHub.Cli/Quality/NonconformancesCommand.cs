using System.CommandLine;
using System.Globalization;
using FacilityHub.Api.V1;
using FacilityHub.Cli.CommandLine;
using FacilityHub.Cli.Hub;
using Google.Protobuf.WellKnownTypes;

namespace FacilityHub.Cli.Quality;

/// <summary>fhub nc list|assign|complete|verify: nonconformances and their corrective and preventive actions.</summary>
internal static class NonconformancesCommand
{
    private const int MaxPageSize = 1000;

    public static Command Create(CliContext context) =>
        new("nc", "Nonconformances and their corrective actions: assign, complete, verify.") { List(context), Assign(context), Complete(context), Verify(context) };

    private static Command List(CliContext context)
    {
        var site = InspectionsCommand.Site("Only nonconformances on this site.");
        var state = CliNames.NonconformanceStates.CreateOption("--state", "Only nonconformances in this state.");
        var category = new Option<string>("--category") { Description = "Only this category, e.g. \"kitchen hygiene\".", HelpName = "TEXT" };
        var escalated = new Option<bool>("--escalated") { Description = "Only escalated ones." };
        var limit = Limits.CreateOption("nonconformances", 100);
        var command = new Command("list", "Nonconformances, newest first.") { site, state, category, escalated, limit };
        command.SetAction((parseResult, ct) => context.CallHubAsync(parseResult, async (channel, ct) =>
        {
            var client = new QualityService.QualityServiceClient(channel);
            var found = await Paging.CollectAsync(parseResult.GetValue(limit), MaxPageSize, async (pageSize, token, ct) =>
            {
                var page = await client.ListNonconformancesAsync(new ListNonconformancesRequest
                {
                    SiteId = parseResult.GetValue(site) ?? "",
                    State = parseResult.GetValue(state) ?? NonconformanceState.Unspecified,
                    Category = parseResult.GetValue(category) ?? "",
                    EscalatedOnly = parseResult.GetValue(escalated),
                    PageSize = pageSize,
                    PageToken = token,
                }, cancellationToken: ct);
                return new Page<Nonconformance>(page.Nonconformances, page.NextPageToken);
            }, ct);
            await context.Output.WriteAsync(found.Items.Count == 0 ? "No nonconformances match." + Environment.NewLine : QualityViews.Nonconformances(found.Items));
            if (found.More) await context.Error.WriteLineAsync($"fhub: showing the newest {found.Items.Count} nonconformances; there are more (raise --limit or filter)");
            return 0;
        }, ct));
        return command;
    }

    private static Command Assign(CliContext context)
    {
        var id = Id();
        var owner = new Option<string>("--owner") { Description = "Who carries the action out (required).", HelpName = "NAME", Required = true };
        var due = new Option<string>("--due") { Description = "When it must be done: a time (2026-12-01T18:00Z) or from now (3d, 36h) (required).", HelpName = "TIME|DURATION", Required = true };
        var plan = new Option<string>("--plan") { Description = "The corrective and preventive action (required).", HelpName = "TEXT", Required = true };
        var command = new Command("assign", "Give a nonconformance's corrective action an owner and a due date.") { id, owner, due, plan };
        command.SetAction(async (parseResult, ct) =>
        {
            string dueText = parseResult.GetValue(due)!;
            if (!TryDue(dueText, context.Time.GetUtcNow(), out var dueAt))
            {
                await context.Error.WriteLineAsync($"fhub: Invalid value '{dueText}' for --due: expected a time like 2026-12-01T18:00Z or {Durations.Expected}.");
                return 1;
            }
            return await context.CallHubAsync(parseResult, async (channel, ct) =>
            {
                var nc = await new QualityService.QualityServiceClient(channel).AssignActionAsync(new AssignActionRequest
                {
                    NonconformanceId = parseResult.GetValue(id)!,
                    Owner = parseResult.GetValue(owner)!,
                    Due = Timestamp.FromDateTimeOffset(dueAt),
                    Plan = parseResult.GetValue(plan)!,
                }, cancellationToken: ct);
                await context.Output.WriteAsync(QualityViews.Nonconformance(nc));
                return 0;
            }, ct);
        });
        return command;
    }

    private static Command Complete(CliContext context)
    {
        var id = Id();
        var note = new Option<string>("--note") { Description = "What was done (required).", HelpName = "TEXT", Required = true };
        var command = new Command("complete", "Report a corrective action done; quality then verifies it.") { id, note };
        command.SetAction((parseResult, ct) => context.CallHubAsync(parseResult, async (channel, ct) =>
        {
            var nc = await new QualityService.QualityServiceClient(channel).CompleteActionAsync(new CompleteActionRequest
            {
                NonconformanceId = parseResult.GetValue(id)!,
                Note = parseResult.GetValue(note)!,
            }, cancellationToken: ct);
            await context.Output.WriteAsync(QualityViews.Nonconformance(nc));
            return 0;
        }, ct));
        return command;
    }

    private static Command Verify(CliContext context)
    {
        var id = Id();
        var reject = new Option<bool>("--reject") { Description = "The action did not fix it: send it back to its owner (needs --note)." };
        var note = new Option<string>("--note") { Description = "What was checked; required with --reject.", HelpName = "TEXT" };
        var command = new Command("verify", "Verify a completed corrective action (closes the nonconformance), or reject it.") { id, reject, note };
        command.SetAction((parseResult, ct) => context.CallHubAsync(parseResult, async (channel, ct) =>
        {
            var nc = await new QualityService.QualityServiceClient(channel).VerifyActionAsync(new VerifyActionRequest
            {
                NonconformanceId = parseResult.GetValue(id)!,
                Accepted = !parseResult.GetValue(reject),
                Note = parseResult.GetValue(note) ?? "",
            }, cancellationToken: ct);
            await context.Output.WriteAsync(QualityViews.Nonconformance(nc));
            return 0;
        }, ct));
        return command;
    }

    /// <summary>An absolute time (with its offset or Z), or a duration from now.</summary>
    internal static bool TryDue(string text, DateTimeOffset now, out DateTimeOffset due)
    {
        if (Durations.TryParse(text, out var span))
        {
            due = now + span;
            return true;
        }
        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out due);
    }

    private static Argument<string> Id() => new("ID") { Description = "The nonconformance, e.g. riverside/nc-3." };
}
