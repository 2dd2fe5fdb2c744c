using FacilityHub.Api.V1;
using FacilityHub.Cli.Alarms;

namespace FacilityHub.Cli.Tests;

public sealed class AlarmKpisViewTests
{
    private static string Lines(params string[] lines) => string.Concat(lines.Select(l => l + "\n"));

    [Fact]
    public void Kpis_show_the_figures_then_the_chattering_stale_and_most_frequent_alarms()
    {
        Assert.Equal(
            Lines(
                "Site                riverside",
                "Window              2026-11-24 10:00:03Z to 2026-11-25 10:00:03Z (1d)",
                "Activations         30",
                "Average per 10 min  0.21",
                "Busiest 10 min      14 from 2026-11-25 08:10:03Z",
                "Last 10 min         2",
                "Flood now           no",
                "Flood intervals     1 (more than 10 activations in 10 min)",
                "Floods              1",
                "Time in flood       0.69 %",
                "",
                "Chattering alarms (3 or more activations within 60 s):",
                "ALARM                    ACTIVATIONS  MOST IN 60 S  LAST",
                "alarm-1203/zone_tripped           12             4  2026-11-25 09:58:00Z",
                "",
                "Stale alarms (active for more than 24 h):",
                "ALARM                       RAISED AT             ACTIVE FOR",
                "pump-1/pressure_collapse/1  2026-11-23 07:00:00Z  2d3h3s",
                "",
                "Most frequent alarms:",
                "ALARM                    ACTIVATIONS  SHARE",
                "alarm-1203/zone_tripped           12   40 %",
                "pump-1/motor_hot                   3   10 %"),
            AlarmKpisView.Render(Samples.Kpis()));
    }

    [Fact]
    public void A_quiet_site_says_so_for_each_list()
    {
        var quiet = new AlarmKpis
        {
            SiteId = "riverside",
            WindowStart = Samples.At(9, 0, 3),
            WindowEnd = Samples.At(10, 0, 3),
            FloodActive = true,
        };

        var shown = AlarmKpisView.Render(quiet);

        Assert.Contains("Window              2026-11-25 09:00:03Z to 2026-11-25 10:00:03Z (1h)\n", shown);
        Assert.Contains("Busiest 10 min      0\n", shown);
        Assert.Contains("Flood now           yes\n", shown);
        Assert.EndsWith(
            Lines(
                "",
                "Chattering alarms (3 or more activations within 60 s): none",
                "",
                "Stale alarms (active for more than 24 h): none",
                "",
                "Most frequent alarms: none"),
            shown);
    }
}
