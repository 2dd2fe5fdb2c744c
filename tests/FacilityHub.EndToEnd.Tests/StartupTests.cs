using FacilityHub.Testing;

namespace FacilityHub.EndToEnd.Tests;

[Collection(HubCollection.Name)]
public sealed class StartupTests(HubFixture hub, AclBrokerFixture aclBroker) : IClassFixture<AclBrokerFixture>
{
    [Theory]
    [InlineData(AclBrokerFixture.HubUser, "not-the-password")]
    [InlineData("rs-b1-pump-1", "not-the-password")]
    [InlineData(null, null)]
    public async Task A_broker_refusing_the_hub_s_login_stops_it_at_start_naming_the_settings_and_not_the_password(string? user, string? password)
    {
        var settings = new Dictionary<string, string>(hub.HubSettings)
        {
            ["Mqtt:Port"] = aclBroker.Broker.MqttPort.ToString(),
            ["Kestrel:Endpoints:Grpc:Url"] = $"http://127.0.0.1:{FreePort.Next()}",
        };
        if (user is not null) settings["Mqtt:Username"] = user;
        if (password is not null) settings["Mqtt:Password"] = password;

        await using var refused = HubProcess.Start(settings);

        Assert.Equal(2, await refused.WaitForExitAsync(TimeSpan.FromSeconds(30)));
        var line = Assert.Single(refused.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal($"facilityhub: Mqtt:Username/Mqtt:Password: the MQTT broker at 127.0.0.1:{aclBroker.Broker.MqttPort} refused the hub's login as {user ?? "(anonymous)"} (NotAuthorized)", line.TrimEnd());
        if (password is not null) Assert.DoesNotContain(password, refused.Output);
    }

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

    [Fact]
    public async Task A_broken_inspections_file_stops_the_hub_naming_the_setting_the_file_and_the_checklist()
    {
        string file = Path.Combine(hub.Servers.DataDir, "broken-inspections.json");
        await File.WriteAllTextAsync(file, """{ "checklists": [ { "id": "lift_room", "kinds": ["lift"], "levels": ["daily"], "items": [ { "id": "a", "text": "t", "category": "c" } ] } ] }""");
        var settings = new Dictionary<string, string>(hub.HubSettings) { ["Quality:InspectionsFile"] = file };

        await using var broken = HubProcess.Start(settings);

        Assert.Equal(2, await broken.WaitForExitAsync(TimeSpan.FromSeconds(30)));
        Assert.Contains($"facilityhub: Quality:InspectionsFile ({file}): Checklist 'lift_room': kind 'lift' is not defined in the topology.", broken.Output);
    }

    [Fact]
    public async Task Plaintext_grpc_on_an_address_other_than_loopback_is_refused_before_anything_binds()
    {
        // Checked before the hub binds or connects to anything, so the test never listens beyond loopback.
        string url = $"http://0.0.0.0:{FreePort.Next()}";
        var settings = new Dictionary<string, string>(hub.HubSettings) { ["Kestrel:Endpoints:Grpc:Url"] = url };

        await using var refused = HubProcess.Start(settings);

        Assert.Equal(2, await refused.WaitForExitAsync(TimeSpan.FromSeconds(30)));
        var line = Assert.Single(refused.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith($"facilityhub: Kestrel:Endpoints:Grpc:Url: plaintext gRPC is allowed on a loopback address only, not '{url}'", line);
    }

    [Theory]
    [InlineData("Auth:SigningKey", "", "Auth:SigningKey: is required (at least 32 bytes: text, or base64:<base64>)")]
    [InlineData("Auth:SigningKey", "too-short-a-secret", "Auth:SigningKey: is 18 bytes; at least 32 bytes: text, or base64:<base64>")]
    [InlineData("Hub:Tls:CertificatePath", "/nonexistent/hub.pfx", "Hub:Tls:CertificatePath (/nonexistent/hub.pfx): cannot load the certificate")]
    public async Task A_bad_signing_key_or_certificate_stops_the_hub_naming_the_setting_and_not_the_secret(string setting, string value, string expected)
    {
        var settings = new Dictionary<string, string>(hub.HubSettings) { [setting] = value };
        if (setting.StartsWith("Hub:Tls", StringComparison.Ordinal)) settings["Kestrel:Endpoints:Grpc:Url"] = $"https://127.0.0.1:{FreePort.Next()}";

        await using var refused = HubProcess.Start(settings);

        Assert.Equal(2, await refused.WaitForExitAsync(TimeSpan.FromSeconds(30)));
        var line = Assert.Single(refused.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("facilityhub: " + expected, line);
        if (setting == "Auth:SigningKey" && value.Length > 0) Assert.DoesNotContain(value, refused.Output);
    }
}
