using System.CommandLine;
using FacilityHub.Api.V1;
using FacilityHub.Cli.CommandLine;
using FacilityHub.Cli.Hub;
using Google.Protobuf.WellKnownTypes;

namespace FacilityHub.Cli.Quality;

/// <summary>fhub complaints record|answer|list: customer service's complaints register (no residents' names or phones).</summary>
internal static class ComplaintsCommand
{
    private const int MaxPageSize = 1000;

    public static Command Create(CliContext context) =>
        new("complaints", "The complaints register: record, answer (target: within 24 h), list.") { Record(context), Answer(context), List(context) };

    private static Command Record(CliContext context)
    {
        var site = InspectionsCommand.Site("The site (required).");
        site.Required = true;
        var category = new Option<string>("--category") { Description = "e.g. noise, cleaning, repairs, security, staff (required).", HelpName = "TEXT", Required = true };
        var subject = new Option<string>("--subject") { Description = "What it is about, without names, rooms or phone numbers (required).", HelpName = "TEXT", Required = true };
        var received = new Option<string>("--received") { Description = "When it came in, if not now: a time (2026-11-25T08:30Z) or how long ago (2h).", HelpName = "TIME|AGO" };
        var command = new Command("record", "Record a complaint as it came in.") { site, category, subject, received };
        command.SetAction(async (parseResult, ct) =>
        {
            var request = new RecordComplaintRequest
            {
                SiteId = parseResult.GetValue(site)!,
                Category = parseResult.GetValue(category)!,
                Subject = parseResult.GetValue(subject)!,
            };
            if (parseResult.GetValue(received) is { } text)
            {
                var now = context.Time.GetUtcNow();
                if (Durations.TryParse(text, out var ago)) request.ReceivedAt = Timestamp.FromDateTimeOffset(now - ago);
                else if (NonconformancesCommand.TryDue(text, now, out var at)) request.ReceivedAt = Timestamp.FromDateTimeOffset(at);
                else
                {
                    await context.Error.WriteLineAsync($"fhub: Invalid value '{text}' for --received: expected a time like 2026-11-25T08:30Z or {Durations.Expected} ago.");
                    return 1;
                }
            }
            return await context.CallHubAsync(parseResult, async (channel, ct) =>
            {
                var complaint = await new QualityService.QualityServiceClient(channel).RecordComplaintAsync(request, cancellationToken: ct);
                await context.Output.WriteAsync(QualityViews.Complaints([complaint]));
                return 0;
            }, ct);
        });
        return command;
    }

    private static Command Answer(CliContext context)
    {
        var id = new Argument<string>("ID") { Description = "The complaint, e.g. riverside/c-2." };
        var answer = new Option<string>("--answer") { Description = "The answer given (required).", HelpName = "TEXT", Required = true };
        var command = new Command("answer", "Record the answer to a complaint.") { id, answer };
        command.SetAction((parseResult, ct) => context.CallHubAsync(parseResult, async (channel, ct) =>
        {
            var complaint = await new QualityService.QualityServiceClient(channel).AnswerComplaintAsync(new AnswerComplaintRequest
            {
                ComplaintId = parseResult.GetValue(id)!,
                Answer = parseResult.GetValue(answer)!,
            }, cancellationToken: ct);
            await context.Output.WriteAsync(QualityViews.Complaints([complaint]));
            return 0;
        }, ct));
        return command;
    }

    private static Command List(CliContext context)
    {
        var site = InspectionsCommand.Site("Only complaints on this site.");
        var unanswered = new Option<bool>("--unanswered") { Description = "Only those not answered yet." };
        var limit = Limits.CreateOption("complaints", 100);
        var command = new Command("list", "Complaints, newest received first, with whether each was answered within 24 h.") { site, unanswered, limit };
        command.SetAction((parseResult, ct) => context.CallHubAsync(parseResult, async (channel, ct) =>
        {
            var client = new QualityService.QualityServiceClient(channel);
            var found = await Paging.CollectAsync(parseResult.GetValue(limit), MaxPageSize, async (pageSize, token, ct) =>
            {
                var page = await client.ListComplaintsAsync(new ListComplaintsRequest
                {
                    SiteId = parseResult.GetValue(site) ?? "",
                    UnansweredOnly = parseResult.GetValue(unanswered),
                    PageSize = pageSize,
                    PageToken = token,
                }, cancellationToken: ct);
                return new Page<Complaint>(page.Complaints, page.NextPageToken);
            }, ct);
            await context.Output.WriteAsync(found.Items.Count == 0 ? "No complaints match." + Environment.NewLine : QualityViews.Complaints(found.Items));
            if (found.More) await context.Error.WriteLineAsync($"fhub: showing the newest {found.Items.Count} complaints; there are more (raise --limit or filter)");
            return 0;
        }, ct));
        return command;
    }
}
