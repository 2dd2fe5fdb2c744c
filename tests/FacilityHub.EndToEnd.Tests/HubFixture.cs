using FacilityHub.Api.V1;
using FacilityHub.DispatchSimulator;
using FacilityHub.Testing;
using Grpc.Net.Client;
using MQTTnet;
using MQTTnet.Protocol;

namespace FacilityHub.EndToEnd.Tests;

/// <summary>One set of real servers for the collection: mosquitto, influxd and redis-server on free loopback
/// ports, the dispatch simulator in-process, and the hub as a child process configured against them.</summary>
public sealed class HubFixture : IAsyncLifetime
{
    private readonly Dictionary<string, string> _settings = [];
    private IMqttClient? _publisher;

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

    public AssetService.AssetServiceClient Assets => new(Channel);
    public TelemetryService.TelemetryServiceClient Telemetry => new(Channel);
    public AlarmService.AlarmServiceClient Alarms => new(Channel);
    public WorkOrderService.WorkOrderServiceClient WorkOrders => new(Channel);

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
            Output = TextWriter.Null,
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
        if (_publisher is not null)
        {
            await _publisher.DisconnectAsync();
            _publisher.Dispose();
        }
        Channel?.Dispose();
        if (Hub is not null) await Hub.DisposeAsync();
        if (Dispatch is not null) await Dispatch.DisposeAsync();
        if (Servers is not null) await Servers.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class HubCollection : ICollectionFixture<HubFixture>
{
    public const string Name = "hub with real servers";
}
