using FacilityHub.Cli;
using FacilityHub.Cli.Mqtt;
using FacilityHub.Testing;
using MQTTnet;
using MQTTnet.Formatter;

namespace FacilityHub.EndToEnd.Tests;

/// <summary>Real mosquitto with the password and ACL files that <c>fhub mqtt credentials</c> generated from the test
/// topology, anonymous access off: the broker as the devices and the hub meet it in production.</summary>
public sealed class AclBrokerFixture : IAsyncLifetime
{
    public const string HubUser = MqttCredentials.DefaultHubUser;

    private string _folder = "";

    public RealServers Broker { get; private set; } = null!;

    /// <summary>The test topology the accounts were generated from.</summary>
    public string TopologyFile { get; private set; } = "";

    /// <summary>The generated credentials file (username:password lines).</summary>
    public string CredentialsFile { get; private set; } = "";

    /// <summary>Every account's password, as generated (the credentials file).</summary>
    public IReadOnlyDictionary<string, string> Passwords { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        _folder = Directory.CreateTempSubdirectory("facilityhub-acl-").FullName;
        string topology = TopologyFile = TestTopology.Write(_folder);
        string credentials = Path.Combine(_folder, "mqtt");
        CredentialsFile = Path.Combine(credentials, CredentialFiles.Credentials);
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        int exitCode = await FhubCli.RunAsync(["mqtt", "credentials", "--topology", topology, "--out", credentials], stdout, stderr);
        if (exitCode != 0) throw new InvalidOperationException($"fhub mqtt credentials failed ({exitCode}): {stderr}");

        Passwords = MqttCredentials.Parse(await File.ReadAllTextAsync(CredentialsFile));
        Broker = await RealServers.StartBrokerAsync(new MosquittoAuth(
            Path.Combine(credentials, CredentialFiles.PasswordFile), Path.Combine(credentials, CredentialFiles.AclFile)));
    }

    /// <summary>A CONNECT as <paramref name="username"/> (null: anonymous); the client and the broker's answer.</summary>
    public async Task<(IMqttClient Client, MqttClientConnectResult Result)> ConnectAsync(
        string? username, string? password, MqttProtocolVersion protocol = MqttProtocolVersion.V500)
    {
        var client = new MqttClientFactory().CreateMqttClient();
        var options = new MqttClientOptionsBuilder()
            .WithTcpServer("127.0.0.1", Broker.MqttPort)
            .WithClientId($"acl-{username ?? "anonymous"}-{Guid.NewGuid():N}")
            .WithProtocolVersion(protocol)
            .WithTimeout(TimeSpan.FromSeconds(10));
        if (username is not null) options = options.WithCredentials(username, password);
        return (client, await client.ConnectAsync(options.Build()));
    }

    /// <summary>Logged in as <paramref name="username"/> with its generated password; fails the test otherwise.</summary>
    public async Task<IMqttClient> ConnectAsAsync(string username, MqttProtocolVersion protocol = MqttProtocolVersion.V500)
    {
        var (client, result) = await ConnectAsync(username, Passwords[username], protocol);
        Assert.Equal(MqttClientConnectResultCode.Success, result.ResultCode);
        return client;
    }

    public async Task DisposeAsync()
    {
        if (Broker is not null) await Broker.DisposeAsync();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is not worth failing the run for.
        }
    }
}
