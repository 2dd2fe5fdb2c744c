namespace FacilityHub.Cli.Tests;

public sealed class ArgumentErrorTests
{
    [Fact]
    public async Task An_unknown_priority_is_refused_naming_the_choices()
    {
        var run = await CliRun.RunAsync("alarms", "list", "--priority", "urgent");

        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains("Invalid value 'urgent' for --priority: expected one of emergency, high, medium, low.", run.Error);
    }

    [Fact]
    public async Task An_unknown_alarm_state_is_refused_naming_the_choices()
    {
        var run = await CliRun.RunAsync("alarms", "list", "--state", "open");

        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains("Invalid value 'open' for --state: expected one of normal, active_unack, active_ack, rtn_unack, shelved, suppressed, out_of_service.", run.Error);
    }

    [Fact]
    public async Task An_unknown_work_order_status_is_refused_naming_the_choices()
    {
        var run = await CliRun.RunAsync("workorders", "list", "--status", "done");

        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains(
            "Invalid value 'done' for --status: expected one of raised, sent, accepted, rejected, en_route, on_site, resolved, cancelled, rescheduled, verified, reopened, followed_up, closed.",
            run.Error);
    }

    [Fact]
    public async Task A_since_without_a_unit_is_refused()
    {
        var run = await CliRun.RunAsync("telemetry", "history", "pump-1", "--metric", "flow_m3h", "--since", "90");

        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains("Invalid value '90' for --since: expected a duration like 30m, 1h, 2d or 1h30m", run.Error);
    }

    [Fact]
    public async Task Alarm_kpis_need_a_site_and_a_window_with_a_unit()
    {
        var noSite = await CliRun.RunAsync("alarms", "kpis");
        var badWindow = await CliRun.RunAsync("alarms", "kpis", "--site", "riverside", "--window", "24");

        Assert.NotEqual(0, noSite.ExitCode);
        Assert.Contains("--site", noSite.Error);
        Assert.NotEqual(0, badWindow.ExitCode);
        Assert.Contains("Invalid value '24' for --window: expected a duration like 30m, 1h, 2d or 1h30m", badWindow.Error);
    }

    [Fact]
    public async Task Telemetry_history_needs_a_metric()
    {
        var run = await CliRun.RunAsync("telemetry", "history", "pump-1");

        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains("--metric", run.Error);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-3")]
    public async Task A_limit_below_one_is_refused(string limit)
    {
        var run = await CliRun.RunAsync("alarms", "list", "--limit", limit);

        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains($"Invalid value '{limit}' for --limit: expected a whole number of at least 1.", run.Error);
    }

    [Fact]
    public async Task A_limit_that_is_not_a_number_is_refused()
    {
        var run = await CliRun.RunAsync("workorders", "list", "--limit", "many");

        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains("Invalid value 'many' for --limit: expected a whole number of at least 1.", run.Error);
    }

    [Fact]
    public async Task A_hub_address_that_is_not_http_is_refused_before_any_call()
    {
        var run = await CliRun.RunAsync("ingestion", "stats", "--hub", "ftp://hub:5080");

        Assert.Equal(1, run.ExitCode);
        Assert.Equal(["fhub: invalid hub address 'ftp://hub:5080': expected http://HOST:PORT (set --hub or FHUB_URL)"], run.ErrorLines);
    }

    [Fact]
    public async Task A_command_group_without_a_command_is_an_error()
    {
        var run = await CliRun.RunAsync("alarms");

        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains("Required command was not provided.", run.Error);
    }
}
