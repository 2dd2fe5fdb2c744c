using System.Text.RegularExpressions;
using FacilityHub.Domain.Reports;
using static FacilityHub.Domain.Tests.MonthlyReportSample;

namespace FacilityHub.Domain.Tests;

/// <summary>The monthly report page of <see cref="MonthlyReportSample"/>: self-contained, escaped, with its charts drawn.</summary>
public sealed partial class MonthlyReportPageTests
{
    private static readonly string Page = Render(Input());

    private static string Render(MonthlyReportInput input)
    {
        string html = MonthlyReportPage.Render(MonthlyReportCalculator.Compute(input));
        // For a look in a browser: FH_REPORT_SAMPLE=/tmp/sample.html dotnet test --filter MonthlyReportPageTests
        if (Environment.GetEnvironmentVariable("FH_REPORT_SAMPLE") is { Length: > 0 } path && input.Complaints.Count > 0) File.WriteAllText(path, html);
        return html;
    }

    [Theory]
    [InlineData(28.8049, "28.8")]
    [InlineData(1.445, "1.45")]
    [InlineData(0, "0")]
    [InlineData(0.0034, "0.0034")] // an order accepted 0.2 s after it was raised: not shown as "0 min"
    [InlineData(0.012345, "0.012")]
    [InlineData(-0.5, "-0.5")]
    public void Figures_keep_two_decimals_and_small_ones_two_significant_digits(double value, string shown) =>
        Assert.Equal(shown, MonthlyReportPage.Number(value));

    [Fact]
    public void The_page_needs_nothing_from_outside_no_script_no_stylesheet_no_image_no_font()
    {
        Assert.StartsWith("<!DOCTYPE html>", Page);
        Assert.DoesNotContain("<script", Page, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<link", Page, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<img", Page, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("src=", Page, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("url(", Page, StringComparison.OrdinalIgnoreCase);
        // The only address is the SVG namespace, which is a name, not something fetched.
        Assert.All(Url().Matches(Page), m => Assert.Equal("http://www.w3.org/2000/svg", m.Value));
    }

    [Fact]
    public void The_sections_follow_the_monthly_report_of_the_quality_manual()
    {
        var ids = SectionId().Matches(Page).Select(m => m.Groups[1].Value);

        Assert.Equal(["period", "summary", "problems", "control-charts", "sla", "customers", "inspections", "equipment", "proposals"], ids);
    }

    [Fact]
    public void The_pareto_chart_draws_a_bar_per_category_the_cumulative_line_and_the_80_percent_line()
    {
        Assert.Equal(4, Regex.Count(Page, "class=\"pareto-bar\""));
        Assert.Single(Regex.Matches(Page, "class=\"pareto-cumulative\""));
        Assert.Single(Regex.Matches(Page, "class=\"pareto-80\""));
        // Bars tallest first: hygiene (5) then equipment (3).
        var heights = BarHeight().Matches(Page).Select(m => double.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(heights.OrderByDescending(h => h), heights);
        Assert.Equal(5.0 / 3, heights[0] / heights[1], 2);
    }

    [Fact]
    public void Each_control_chart_draws_its_points_mean_and_limits_and_marks_the_point_outside()
    {
        Assert.Equal(2, Regex.Count(Page, "class=\"mean\""));
        Assert.Equal(2, Regex.Count(Page, "class=\"ucl\""));
        Assert.Equal(2, Regex.Count(Page, "class=\"lcl\""));
        Assert.Equal(8 + 6, Regex.Count(Page, "class=\"point"));
        Assert.Single(Regex.Matches(Page, "class=\"point outside\""));
        Assert.Contains("<title>wo-8 at 2026-11-23 08:00Z: 40 min</title>", Page);
        Assert.Contains("UCL 28.8", Page);
    }

    [Fact]
    public void Targets_show_as_met_or_not_met_with_the_figures()
    {
        Assert.Contains("<td>Follow-up coverage</td><td class=\"n\">40 % (2 of 5)</td><td class=\"n\">≥ 20 %</td><td><span class=\"met\">met</span>", Page);
        Assert.Contains("<td>Satisfaction</td><td class=\"n\">66.67 % (2 of 3)</td><td class=\"n\">≥ 85 %</td><td><span class=\"notmet\">not met</span>", Page);
        Assert.Contains("MTTR (fault → repair that stood)</td><td class=\"n\">10 h 30 min over 4 repaired, 3 still open", Page);
        Assert.Contains("MTTA (alarm raised → acknowledged)</td><td class=\"n\">4 min 0 s over 3 acknowledged, 1 not acknowledged", Page);
    }

    [Fact]
    public void Text_from_the_records_is_escaped()
    {
        var input = Input() with { Nonconformances = [new NonconformanceFact("<script>alert(1)</script> & \"co\"", "minor", Nov(3))] };

        string page = Render(input);

        Assert.DoesNotContain("<script>", page);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;co&quot;", page);
    }

    [Fact]
    public void Without_inspection_nonconformance_or_complaint_records_the_page_says_so_plainly()
    {
        string page = Render(HubOnlyInput());

        Assert.Contains("No inspection data recorded for this month.", page);
        Assert.Contains("No nonconformance data recorded for this month.", page);
        Assert.Contains("no complaint data recorded", page);
        Assert.DoesNotContain("class=\"pareto-bar\"", page);
        // The charts from the hub's own records are still there.
        Assert.Equal(2, Regex.Count(page, "class=\"mean\""));
    }

    [GeneratedRegex("https?://[^\"'\\s<>]+")]
    private static partial Regex Url();

    [GeneratedRegex("<h2 id=\"([a-z-]+)\">")]
    private static partial Regex SectionId();

    [GeneratedRegex("class=\"pareto-bar\" x=\"[0-9.]+\" y=\"[0-9.]+\" width=\"[0-9.]+\" height=\"([0-9.]+)\"")]
    private static partial Regex BarHeight();
}
