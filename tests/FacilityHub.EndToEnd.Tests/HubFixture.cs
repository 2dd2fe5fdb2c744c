using System.Collections.Concurrent;
using System.Security.Cryptography;
using FacilityHub.Api.V1;
using FacilityHub.Auth;
using FacilityHub.Cli;
using FacilityHub.DispatchSimulator;
using FacilityHub.Testing;
using Grpc.Core;
using Grpc.Core.Interceptors;
using Grpc.Net.Client;
using MQTTnet;
using MQTTnet.Protocol;

namespace FacilityHub.EndToEnd.Tests;

/// <summary>One set of real servers for the collection: mosquitto, influxd and redis-server on free loopback
/// ports, the dispatch simulator in-process, and the hub as a child process configured against them, with a
/// signing key of its own from which the tests mint a token per role and name.</summary>
public sealed class HubFixture : IAsyncLifetime
{
    /// <summary>Who the fixture's ready-made clients are.</summary>
    public const string DefaultOperator = "e2e-operator";

    private readonly Dictionary<string, string> _settings = [];
    private readonly ConcurrentDictionary<(string Role, string Name), string> _tokens = new();
    private IMqttClient? _publisher;

    /// <summary>The hub's Auth:SigningKey, as configured (random per run).</summary>
    public string SigningKeyText { get; } = SigningKey.Base64Prefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    public RealServers Servers { get; private set; } = null!;
    public DispatchSimulatorServer? Dispatch { get; private set; }
    public HubProcess Hub { get; private set; } = null!;
    public GrpcChannel Channel { get; private set; } = null!;
    public int DispatchPort { get; } = FreePort.Next();
    public int HubPort { get; } = FreePort.Next();
    public string HubUrl => $"http://127.0.0.1:{HubPort}";

    /// <summary>Everything the hub's processes printed so far, including earlier (killed) runs.</summary>
    public string HubLog => _earlierLogs + Hub.Output;
    private string _earlierLogs = "";

    /// <summary>Everything the in-process dispatch simulator printed so far, over all its starts.</summary>
    public string DispatchLog => _dispatchOutput.Text;
    private readonly CapturedOutput _dispatchOutput = new();

    /// <summary>Clients that call as the operator <see cref="DefaultOperator"/>.</summary>
    public AssetService.AssetServiceClient Assets => new(As(HubRoles.Operator, DefaultOperator));
    public TelemetryService.TelemetryServiceClient Telemetry => new(As(HubRoles.Operator, DefaultOperator));
    public AlarmService.AlarmServiceClient Alarms => new(As(HubRoles.Operator, DefaultOperator));
    public WorkOrderService.WorkOrderServiceClient WorkOrders => new(As(HubRoles.Operator, DefaultOperator));

    /// <summary>Alarm calls as the operator <paramref name="name"/>: what the hub records as the actor.</summary>
    public AlarmService.AlarmServiceClient AlarmsAs(string name) => new(As(HubRoles.Operator, name));

    /// <summary>Calls on the hub's channel carrying a token of <paramref name="role"/> for <paramref name="name"/>.</summary>
    public CallInvoker As(string role, string name) => WithToken(Token(role, name));

    /// <summary>Calls on the hub's channel carrying <paramref name="token"/> as they are, whatever it is.</summary>
    public CallInvoker WithToken(string token) => Channel.Intercept(metadata =>
    {
        metadata.Add("authorization", $"Bearer {token}");
        return metadata;
    });

    /// <summary>fhub's surroundings for calling the hub as <paramref name="name"/> in <paramref name="role"/> (FHUB_URL, FHUB_TOKEN).</summary>
    public FhubEnvironment FhubAs(string role, string name) => new(HubUrl, TimeProvider.System) { Token = Token(role, name) };

    /// <summary>A token of <paramref name="role"/> for <paramref name="name"/>, valid for the run.</summary>
    public string Token(string role, string name) => _tokens.GetOrAdd((role, name), k => Mint(k.Role, k.Name, TimeSpan.FromHours(1)));

    /// <summary>A token the hub accepts.</summary>
    public string Mint(string role, string name, TimeSpan lifetime) => Mint(role, name, lifetime, TimeProvider.System);

    /// <summary>A token minted two hours ago that expired an hour ago (well past the hub's clock skew).</summary>
    public string MintExpired(string role, string name) => Mint(role, name, TimeSpan.FromHours(1), new ShiftedTime(TimeSpan.FromHours(-2)));

    private string Mint(string role, string name, TimeSpan lifetime, TimeProvider time) =>
        HubTokens.Mint(SigningKey.TryParse(SigningKeyText, out _)!, role, name, lifetime, time);

    /// <summary>A clock <paramref name="shift"/> away from now.</summary>
    private sealed class ShiftedTime(TimeSpan shift) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + shift;
    }

    public async Task InitializeAsync()
    {
        Servers = await RealServers.StartAsync();
        await StartDispatchAsync();
        _settings["Hub:TopologyFile"] = TestTopology.Write(Servers.DataDir);
        _settings["Mqtt:Port"] = Servers.MqttPort.ToString();
        _settings["Mqtt:ClientId"] = "e2e-hub";
        _settings["Influx:Url"] = Servers.InfluxUrl;
        _settings["Influx:Database"] = Servers.InfluxDatabase;
        _settings["Influx:SpoolDirectory"] = Path.Combine(Servers.DataDir, "influx-spool");
        _settings["Redis:ConnectionString"] = Servers.RedisConnectionString;
        _settings["Dispatch:Url"] = $"http://127.0.0.1:{DispatchPort}";
        _settings["Orleans:SiloPort"] = FreePort.Next().ToString();
        _settings["Orleans:GatewayPort"] = FreePort.Next().ToString();
        _settings["Kestrel:Endpoints:Grpc:Url"] = HubUrl;
        _settings["Auth:SigningKey"] = SigningKeyText;
        _settings["WorkOrders:Sla:Normal:OnSite"] = TestTopology.NormalOnSiteLimit.ToString("c");
        _settings["WorkOrders:VerifyWindow"] = TestTopology.VerifyWindow.ToString("c");
        Hub = HubProcess.Start(_settings);
        await Hub.WaitReadyAsync();
        Channel = GrpcChannel.ForAddress(HubUrl);

        _publisher = new MqttClientFactory().CreateMqttClient();
        await _publisher.ConnectAsync(new MqttClientOptionsBuilder().WithTcpServer("127.0.0.1", Servers.MqttPort).WithClientId("e2e-device").Build());
    }

    /// <summary>The hub's settings, for a test that starts a hub of its own with one of them changed.</summary>
    public IReadOnlyDictionary<string, string> HubSettings => _settings;

    /// <summary>Publishes as a device would: QoS 1, acknowledged by the broker.</summary>
    public Task PublishAsync(string topic, string payload) =>
        _publisher!.PublishAsync(new MqttApplicationMessageBuilder().WithTopic(topic).WithPayload(payload)
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).Build());

    public Task PublishAsync(string topic, byte[] payload) =>
        _publisher!.PublishAsync(new MqttApplicationMessageBuilder().WithTopic(topic).WithPayload(payload)
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).Build());

    /// <summary>The dispatch system comes up (again) on the same port; it reports ACCEPTED back to the hub.</summary>
    public async Task StartDispatchAsync()
    {
        Dispatch = await DispatchSimulatorServer.StartAsync(new DispatchSimulatorOptions
        {
            Port = DispatchPort,
            HubUrl = new Uri(HubUrl),
            HubSigningKey = SigningKeyText,
            Output = _dispatchOutput,
            ProgressRetryBaseDelay = TimeSpan.FromMilliseconds(200),
        }, CancellationToken.None);
    }

    /// <summary>The dispatch system goes down; what it had received so far is returned.</summary>
    public async Task<IReadOnlyList<FacilityHub.Dispatch.V1.ReceivedWorkOrder>> StopDispatchAsync()
    {
        var received = Dispatch!.Orders;
        await Dispatch.DisposeAsync();
        Dispatch = null;
        return received;
    }

    /// <summary>kill -9 the hub, then start it again with the same settings and data.</summary>
    public async Task KillAndRestartHubAsync()
    {
        await Hub.KillAsync();
        _earlierLogs += Hub.Output;
        await Hub.DisposeAsync();
        Hub = HubProcess.Start(_settings);
        await Hub.WaitReadyAsync();
    }

    public async Task DisposeAsync()
    {
        // The whole collection's logs, whatever order its tests ran in: a leak fails the run (as a cleanup failure).
        var leaked = Hub is null ? [] : PersonalDataScan.Find(HubLog + DispatchLog, TestTopology.Residents());
        if (_publisher is not null)
        {
            await _publisher.DisconnectAsync();
            _publisher.Dispose();
        }
        Channel?.Dispose();
        if (Hub is not null) await Hub.DisposeAsync();
        if (Dispatch is not null) await Dispatch.DisposeAsync();
        if (Servers is not null) await Servers.DisposeAsync();
        if (leaked.Count > 0) throw new InvalidOperationException("Residents' personal data in the logs of the e2e suite: " + string.Join("; ", leaked));
    }
}

[CollectionDefinition(Name)]
public sealed class HubCollection : ICollectionFixture<HubFixture>
{
    public const string Name = "hub with real servers";
}
