using FacilityHub.Testing;

namespace FacilityHub.EndToEnd.Tests;

[Collection(HubCollection.Name)]
public sealed class StartupTests(HubFixture hub)
{
    [Theory]
    [InlineData("Redis:ConnectionString", "127.0.0.1:{port}", "Redis:ConnectionString: cannot reach Redis at 127.0.0.1:{port}")]
    [InlineData("Influx:Url", "http://127.0.0.1:{port}", "Influx:Url: cannot reach InfluxDB at http://127.0.0.1:{port}")]
    [InlineData("Mqtt:Port", "{port}", "Mqtt:Host/Mqtt:Port: cannot reach the MQTT broker at 127.0.0.1:{port}")]
    public async Task An_unreachable_server_at_start_gives_one_clear_line_naming_the_setting_and_address(string setting, string value, string expected)
    {
        string port = FreePort.Next().ToString(); // nothing listens there
        var settings = new Dictionary<string, string>(hub.HubSettings)
        {
            [setting] = value.Replace("{port}", port),
            ["Kestrel:Endpoints:Grpc:Url"] = $"http://127.0.0.1:{FreePort.Next()}",
        };

        await using var broken = HubProcess.Start(settings);
        int exitCode = await broken.WaitForExitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(2, exitCode);
        var lines = broken.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var line = Assert.Single(lines);
        Assert.StartsWith("facilityhub: " + expected.Replace("{port}", port), line);
    }

    [Fact]
    public async Task A_broken_topology_file_stops_the_hub_with_the_file_and_the_problem()
    {
        string file = Path.Combine(hub.Servers.DataDir, "broken-topology.json");
        await File.WriteAllTextAsync(file, """{ "kinds": {}, "sites": [ { "id": "s", "buildings": [ { "id": "b", "equipment": [ { "id": "e", "kind": "boiler" } ] } ] } ] }""");
        var settings = new Dictionary<string, string>(hub.HubSettings) { ["Hub:TopologyFile"] = file };

        await using var broken = HubProcess.Start(settings);

        Assert.Equal(2, await broken.WaitForExitAsync(TimeSpan.FromSeconds(30)));
        Assert.Contains($"facilityhub: Hub:TopologyFile ({file}): Equipment 'e' has kind 'boiler'", broken.Output);
    }
}
