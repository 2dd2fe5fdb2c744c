using System.CommandLine;
using FacilityHub.Api.V1;

namespace FacilityHub.Cli.Reports;

/// <summary>fhub report monthly --site S --month 2026-11 [--out FILE]: the quality department's monthly report, written
/// as a self-contained HTML page, with its summary figures printed.</summary>
internal static class ReportCommand
{
    public static Command Create(CliContext context) => new("report", "Reports computed by the hub.") { Monthly(context) };

    private static Command Monthly(CliContext context)
    {
        var site = new Option<string>("--site") { Description = "The site.", HelpName = "ID", Required = true };
        var month = new Option<string>("--month") { Description = "The month, yyyy-MM (UTC), e.g. 2026-11.", HelpName = "MONTH", Required = true };
        var output = new Option<string>("--out")
        {
            Description = "Where to write the HTML page (default monthly-report-<site>-<month>.html in the current folder).", HelpName = "FILE",
        };
        var command = new Command("monthly", "The monthly quality report of a site: control charts of response and on-site times, SLA compliance, MTTA/MTTR, follow-up, satisfaction and complaint targets, inspections, Pareto of nonconformances, top faulting equipment, improvement proposals.")
        {
            site, month, output,
        };
        command.SetAction((parseResult, ct) => context.CallHubAsync(parseResult, async (channel, ct) =>
        {
            var report = await new ReportService.ReportServiceClient(channel).GetMonthlyReportAsync(
                new GetMonthlyReportRequest { SiteId = parseResult.GetValue(site)!, Month = parseResult.GetValue(month)! }, cancellationToken: ct);
            string path = parseResult.GetValue(output) is { Length: > 0 } given ? given : $"monthly-report-{report.SiteId}-{report.Month}.html";
            try
            {
                await File.WriteAllTextAsync(path, report.Html, ct);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                await context.Error.WriteLineAsync($"fhub: cannot write the report to {path}: {e.Message}");
                return 1;
            }
            await context.Output.WriteAsync(MonthlyReportView.Render(report));
            await context.Output.WriteLineAsync($"\nReport written to {path}");
            return 0;
        }, ct));
        return command;
    }
}
