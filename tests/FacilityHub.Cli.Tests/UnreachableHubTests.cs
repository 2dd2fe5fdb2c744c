namespace FacilityHub.Cli.Tests;

public sealed class UnreachableHubTests
{
    [Theory]
    [InlineData("ingestion", "stats")]
    [InlineData("assets")]
    [InlineData("alarms", "list")]
    [InlineData("equipment", "show", "pump-1")]
    public async Task A_closed_port_gives_one_line_naming_the_hub_and_exit_code_1(params string[] command)
    {
        var hub = CliRun.ClosedHub();

        var run = await CliRun.RunAsync(["--hub", hub, .. command]);

        Assert.Equal(1, run.ExitCode);
        Assert.Equal($"fhub: cannot reach the hub at {hub} (set --hub or FHUB_URL)\n", run.Error);
        Assert.Equal("", run.Out);
    }

    [Fact]
    public async Task The_hub_from_the_environment_is_the_one_named()
    {
        var hub = CliRun.ClosedHub();

        var run = await CliRun.RunWithHubAsync(hub, "ingestion", "stats");

        Assert.Equal(1, run.ExitCode);
        Assert.Equal($"fhub: cannot reach the hub at {hub} (set --hub or FHUB_URL)\n", run.Error);
    }

    [Fact]
    public async Task The_hub_option_is_accepted_after_the_command_too()
    {
        var hub = CliRun.ClosedHub();

        var run = await CliRun.RunAsync("alarms", "list", "--hub", hub);

        Assert.Equal($"fhub: cannot reach the hub at {hub} (set --hub or FHUB_URL)\n", run.Error);
    }
}
