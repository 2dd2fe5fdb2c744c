using FacilityHub.Cli.Reports;

namespace FacilityHub.Cli.Tests;

/// <summary>fhub report monthly over real gRPC against <see cref="FakeHub"/>, and its summary view.</summary>
public sealed class ReportTests(FakeHub hub) : IClassFixture<FakeHub>, IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("fhub-report-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task Report_monthly_writes_the_hubs_page_to_the_file_and_prints_the_summary_figures()
    {
        string file = Path.Combine(_folder, "november.html");

        var run = await CliRun.RunAsync("--hub", hub.Url, "report", "monthly", "--site", "riverside", "--month", "2026-11", "--out", file);

        Assert.Equal(0, run.ExitCode);
        Assert.Equal("", run.Error);
        Assert.Contains(hub.ReportRequests, r => r.SiteId == "riverside" && r.Month == "2026-11");
        Assert.Equal(ReportSamples.Html, await File.ReadAllTextAsync(file));
        Assert.Equal(MonthlyReportView.Render(ReportSamples.WithTargets()) + $"\nReport written to {file}\n", run.Out);
    }

    [Fact]
    public void The_summary_shows_each_target_met_or_not_and_says_plainly_what_has_no_data()
    {
        var lines = MonthlyReportView.Render(ReportSamples.WithTargets()).Split('\n');

        Assert.Contains(lines, l => l.StartsWith("Month ", StringComparison.Ordinal) && l.EndsWith("2026-11 (complete)", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("Response time ", StringComparison.Ordinal) && l.EndsWith("mean 12.5 min over 2 orders, UCL 30.1, LCL 0, 0 outside", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("On-site time ", StringComparison.Ordinal) && l.EndsWith("no order reached this step", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("MTTA ", StringComparison.Ordinal) && l.EndsWith("4m over 3 acknowledged, 1 not acknowledged", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("MTTR ", StringComparison.Ordinal) && l.EndsWith("none repaired, 3 still open", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("Inspections ", StringComparison.Ordinal) && l.EndsWith("no inspection data recorded", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("Nonconformances ", StringComparison.Ordinal) && l.EndsWith("no nonconformance data recorded", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("Satisfaction ", StringComparison.Ordinal) && l.Contains("66.67 % (2 of 3)", StringComparison.Ordinal) && l.EndsWith("NOT MET", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("Complaints answered within 24 h ", StringComparison.Ordinal) && l.EndsWith("no complaint data recorded", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("emergency ", StringComparison.Ordinal) && l.EndsWith("66.67 %", StringComparison.Ordinal));
        Assert.Contains("1. Emergency orders: 1 of 3 missed a time limit (response 1). Review the hand-over.", lines);
    }

    [Fact]
    public async Task A_month_the_hub_refuses_is_one_error_line_and_no_file()
    {
        string file = Path.Combine(_folder, "bad.html");

        var run = await CliRun.RunAsync("--hub", hub.Url, "report", "monthly", "--site", "riverside", "--month", "2026-13", "--out", file);

        Assert.Equal(1, run.ExitCode);
        Assert.Equal("", run.Out);
        var line = Assert.Single(run.ErrorLines);
        Assert.Contains("month: '2026-13' is not a month written yyyy-MM", line);
        Assert.False(File.Exists(file));
    }

    [Fact]
    public async Task A_file_that_cannot_be_written_is_reported_without_the_summary()
    {
        string file = Path.Combine(_folder, "no-such-folder", "november.html");

        var run = await CliRun.RunAsync("--hub", hub.Url, "report", "monthly", "--site", "riverside", "--month", "2026-11", "--out", file);

        Assert.Equal(1, run.ExitCode);
        Assert.Equal("", run.Out);
        Assert.StartsWith($"fhub: cannot write the report to {file}:", Assert.Single(run.ErrorLines));
    }

    [Fact]
    public async Task Site_and_month_are_required()
    {
        var run = await CliRun.RunWithHubAsync(hub.Url, "report", "monthly", "--site", "riverside");

        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains("--month", run.Error);
        Assert.DoesNotContain(hub.ReportRequests, r => r.Month == "");
    }
}
