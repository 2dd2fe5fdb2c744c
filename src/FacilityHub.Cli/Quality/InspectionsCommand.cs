using System.CommandLine;
using FacilityHub.Api.V1;
using FacilityHub.Cli.CommandLine;
using FacilityHub.Cli.Hub;

namespace FacilityHub.Cli.Quality;

/// <summary>fhub inspections due|record|list: the three-level inspection rounds.</summary>
internal static class InspectionsCommand
{
    private const int MaxPageSize = 1000;

    public static Command Create(CliContext context) =>
        new("inspections", "Three-level inspection rounds: what is due, recording a round, the rounds done.") { Due(context), Record(context), List(context) };

    private static Command Due(CliContext context)
    {
        var site = Site("Only posts on this site.");
        var level = CliNames.InspectionLevels.CreateOption("--level", "Only rounds of this level.");
        var overdue = new Option<bool>("--overdue") { Description = "Only the overdue rounds." };
        var command = new Command("due", "The next round each post needs at each level, most urgent first; overdue ones are marked.") { site, level, overdue };
        command.SetAction((parseResult, ct) => context.CallHubAsync(parseResult, async (channel, ct) =>
        {
            var response = await new QualityService.QualityServiceClient(channel).ListDueRoundsAsync(new ListDueRoundsRequest
            {
                SiteId = parseResult.GetValue(site) ?? "",
                Level = parseResult.GetValue(level) ?? InspectionLevel.Unspecified,
                OverdueOnly = parseResult.GetValue(overdue),
            }, cancellationToken: ct);
            await context.Output.WriteAsync(response.Rounds.Count == 0 ? "No rounds are due." + Environment.NewLine : QualityViews.DueRounds(response.Rounds));
            return 0;
        }, ct));
        return command;
    }

    private static Command Record(CliContext context)
    {
        var site = Site("The site (required).");
        site.Required = true;
        var building = new Option<string>("--building") { Description = "The post's building (required).", HelpName = "ID", Required = true };
        var checklist = new Option<string>("--checklist") { Description = "The checklist, e.g. pump_room (required).", HelpName = "ID", Required = true };
        var level = CliNames.InspectionLevels.CreateOption("--level", "The round's level (required).");
        level.Required = true;
        var responsible = new Option<string>("--responsible") { Description = "The person responsible for the post, who signs (required).", HelpName = "NAME", Required = true };
        var pass = new Option<string[]>("--pass") { Description = "Items that passed (comma-separated or repeated).", HelpName = "ITEM[,ITEM...]", AllowMultipleArgumentsPerToken = true };
        var fail = new Option<string[]>("--fail") { Description = "A failed item and what was found (repeat for each).", HelpName = "ITEM=NOTE" };
        var na = new Option<string[]>("--na") { Description = "An item that did not apply, with an optional note (repeat for each).", HelpName = "ITEM[=NOTE]" };
        var command = new Command("record", "Record a round's result item by item; every failed item becomes a nonconformance.") { site, building, checklist, level, responsible, pass, fail, na };
        command.SetAction((parseResult, ct) => context.CallHubAsync(parseResult, async (channel, ct) =>
        {
            var request = new RecordInspectionRequest
            {
                SiteId = parseResult.GetValue(site)!,
                BuildingId = parseResult.GetValue(building)!,
                ChecklistId = parseResult.GetValue(checklist)!,
                Level = parseResult.GetValue(level) ?? InspectionLevel.Unspecified,
                Responsible = parseResult.GetValue(responsible)!,
            };
            foreach (var item in (parseResult.GetValue(pass) ?? []).SelectMany(p => p.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)))
            {
                request.Items.Add(new ItemCheck { ItemId = item, Result = ItemResult.Pass });
            }
            foreach (var f in parseResult.GetValue(fail) ?? []) request.Items.Add(Check(f, ItemResult.Fail));
            foreach (var n in parseResult.GetValue(na) ?? []) request.Items.Add(Check(n, ItemResult.NotApplicable));
            var response = await new QualityService.QualityServiceClient(channel).RecordInspectionAsync(request, cancellationToken: ct);
            await context.Output.WriteAsync(QualityViews.Inspections([response.Inspection]));
            if (response.Nonconformances.Count > 0)
            {
                await context.Output.WriteLineAsync();
                await context.Output.WriteAsync(QualityViews.Nonconformances(response.Nonconformances));
            }
            return 0;
        }, ct));
        return command;
    }

    private static Command List(CliContext context)
    {
        var site = Site("Only rounds on this site.");
        var level = CliNames.InspectionLevels.CreateOption("--level", "Only rounds of this level.");
        var limit = Limits.CreateOption("inspections", 100);
        var command = new Command("list", "Recorded rounds, newest first.") { site, level, limit };
        command.SetAction((parseResult, ct) => context.CallHubAsync(parseResult, async (channel, ct) =>
        {
            var client = new QualityService.QualityServiceClient(channel);
            var rounds = await Paging.CollectAsync(parseResult.GetValue(limit), MaxPageSize, async (pageSize, token, ct) =>
            {
                var page = await client.ListInspectionsAsync(new ListInspectionsRequest
                {
                    SiteId = parseResult.GetValue(site) ?? "",
                    Level = parseResult.GetValue(level) ?? InspectionLevel.Unspecified,
                    PageSize = pageSize,
                    PageToken = token,
                }, cancellationToken: ct);
                return new Page<Inspection>(page.Inspections, page.NextPageToken);
            }, ct);
            await context.Output.WriteAsync(rounds.Items.Count == 0 ? "No inspections match." + Environment.NewLine : QualityViews.Inspections(rounds.Items));
            if (rounds.More) await context.Error.WriteLineAsync($"fhub: showing the newest {rounds.Items.Count} inspections; there are more (raise --limit or filter)");
            return 0;
        }, ct));
        return command;
    }

    private static ItemCheck Check(string text, ItemResult result)
    {
        int eq = text.IndexOf('=');
        return eq < 0
            ? new ItemCheck { ItemId = text.Trim(), Result = result }
            : new ItemCheck { ItemId = text[..eq].Trim(), Result = result, Note = text[(eq + 1)..].Trim() };
    }

    internal static Option<string> Site(string description) => new("--site") { Description = description, HelpName = "ID" };
}
