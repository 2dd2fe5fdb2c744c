using FacilityHub.Cli.Alarms;
using FacilityHub.Cli.Assets;
using FacilityHub.Cli.Ingestion;
using FacilityHub.Cli.WorkOrders;

namespace FacilityHub.Cli.Tests;

/// <summary>fhub over real gRPC against <see cref="FakeHub"/>.</summary>
public sealed class FakeHubTests(FakeHub hub) : IClassFixture<FakeHub>
{
    [Fact]
    public async Task An_unknown_equipment_item_gives_the_hubs_status_on_one_line()
    {
        var run = await CliRun.RunAsync("--hub", hub.Url, "equipment", "show", "x");

        Assert.Equal(1, run.ExitCode);
        Assert.Equal("fhub: NOT_FOUND: equipment 'x' is not in the topology\n", run.Error);
        Assert.Equal("", run.Out);
    }

    [Fact]
    public async Task Equipment_show_lists_the_active_alarms_of_the_item()
    {
        var run = await CliRun.RunAsync("--hub", hub.Url, "equipment", "show", "pump-1");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(EquipmentView.Render(Samples.Pump(), [Samples.BurstPipe()]), run.Out);
        Assert.Equal("", run.Error);
    }

    [Fact]
    public async Task Telemetry_history_asks_for_the_window_since_now_and_follows_pages_up_to_the_limit()
    {
        var run = await CliRun.RunAsync(
            "--hub", hub.Url, "telemetry", "history", "pump-1", "--metric", "outlet_pressure_bar", "--since", "90m", "--limit", "22");

        Assert.Equal(0, run.ExitCode);
        var requests = hub.HistoryRequests.Where(r => r.Metric == "outlet_pressure_bar").ToArray();
        Assert.Equal(["", "10", "20"], requests.Select(r => r.PageToken));
        Assert.Equal([22, 12, 2], requests.Select(r => r.PageSize));
        Assert.All(requests, r =>
        {
            Assert.Equal(CliRun.Now.AddMinutes(-90), r.StartTime.ToDateTimeOffset());
            Assert.Equal(CliRun.Now, r.EndTime.ToDateTimeOffset());
        });
        var lines = run.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("TIME                  VALUE (bar)", lines[0]);
        Assert.Equal("2026-11-25 09:00:00Z            0", lines[1]);
        Assert.Equal("2026-11-25 09:21:00Z           21", lines[^1]);
        Assert.Equal(23, lines.Length);
        Assert.Equal(["fhub: showing the first 22 points; there are more (raise --limit or shorten --since)"], run.ErrorLines);
    }

    [Fact]
    public async Task An_unknown_site_is_an_error()
    {
        var run = await CliRun.RunAsync("--hub", hub.Url, "assets", "--site", "nowhere");

        Assert.Equal(1, run.ExitCode);
        Assert.Equal("fhub: site 'nowhere' is not in the topology\n", run.Error);
    }

    [Fact]
    public async Task The_asset_tree_is_printed_as_the_hub_sent_it()
    {
        var run = await CliRun.RunAsync("--hub", hub.Url, "assets");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(AssetTreeView.Render(Samples.Tree()), run.Out);
    }

    [Fact]
    public async Task Alarms_list_passes_the_filters_to_the_hub()
    {
        var run = await CliRun.RunAsync("--hub", hub.Url, "alarms", "list", "--priority", "high", "--state", "normal");

        Assert.Equal(0, run.ExitCode);
        var lines = run.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, lines.Length);
        Assert.Contains("pump-1/motor_hot/3", lines[1]);
    }

    [Fact]
    public async Task No_matching_alarms_says_so()
    {
        var run = await CliRun.RunAsync("--hub", hub.Url, "alarms", "list", "--priority", "low");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal("No alarms match.\n", run.Out);
    }

    [Fact]
    public async Task Work_order_show_prints_the_order_with_its_steps()
    {
        var run = await CliRun.RunAsync("--hub", hub.Url, "workorders", "show", "wo-7");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(WorkOrdersView.RenderOne(Samples.Order()), run.Out);
    }

    [Fact]
    public async Task Ingestion_stats_are_printed()
    {
        var run = await CliRun.RunAsync("--hub", hub.Url, "ingestion", "stats");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(
            IngestionStatsView.Render(new Api.V1.IngestionStats { Accepted = 7, PointsWritten = 21, Rejected = { ["bad_topic"] = 1 } }),
            run.Out);
    }

    [Fact]
    public async Task Alarm_kpis_ask_for_the_site_and_window_and_print_the_figures()
    {
        var run = await CliRun.RunAsync("--hub", hub.Url, "alarms", "kpis", "--site", "riverside", "--window", "2h");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal("", run.Error);
        Assert.Equal(AlarmKpisView.Render(Samples.Kpis()), run.Out);
        Assert.Contains(hub.KpiRequests, r => r.SiteId == "riverside" && r.Window?.ToTimeSpan() == TimeSpan.FromHours(2));
    }

    [Fact]
    public async Task Alarm_kpis_without_a_window_leave_it_to_the_hub()
    {
        var run = await CliRun.RunAsync("--hub", hub.Url, "alarms", "kpis", "--site", "riverside");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains(hub.KpiRequests, r => r.SiteId == "riverside" && r.Window is null);
    }

    [Fact]
    public async Task Alarm_kpis_of_an_unknown_site_give_the_hubs_status_on_one_line()
    {
        var run = await CliRun.RunAsync("--hub", hub.Url, "alarms", "kpis", "--site", "nowhere");

        Assert.Equal(1, run.ExitCode);
        Assert.Equal("fhub: NOT_FOUND: site 'nowhere' is not in the topology\n", run.Error);
        Assert.Equal("", run.Out);
    }
}
