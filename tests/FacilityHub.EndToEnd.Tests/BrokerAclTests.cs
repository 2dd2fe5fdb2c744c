using System.Collections.Concurrent;
using System.Text;
using FacilityHub.FleetSimulator.Generation;
using FacilityHub.FleetSimulator.Publishing;
using FacilityHub.FleetSimulator.Topology;
using FacilityHub.Testing;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;

namespace FacilityHub.EndToEnd.Tests;

/// <summary>Per-device accounts at real mosquitto, with the password and ACL files generated from the topology: a device
/// publishes under its own topic only, the hub's account reads everything and publishes nothing, and a wrong password
/// gets no further than CONNECT. "Never receives" is shown by a marker: a later message on a permitted topic that does
/// arrive, after which nothing refused may have arrived before it.</summary>
public sealed class BrokerAclTests(AclBrokerFixture broker) : IClassFixture<AclBrokerFixture>
{
    private const string DeviceA = "rs-b1-pump-1";
    private const string DeviceB = "rs-b1-pump-2";
    private const string TopicA = "facility/riverside/rs-b1/rs-b1-pump-1/telemetry";
    private const string TopicB = "facility/riverside/rs-b1/rs-b1-pump-2/telemetry";
    // What the hub subscribes to (DeviceTopic.SharedSubscription with the default group).
    private const string HubFilter = "$share/facilityhub/facility/+/+/+/+";

    [Fact]
    public async Task A_device_publishes_under_its_own_topic_and_the_hub_s_account_receives_it()
    {
        await using var hub = await SubscribeAsync(AclBrokerFixture.HubUser, HubFilter);
        using var deviceA = await broker.ConnectAsAsync(DeviceA);

        var result = await PublishAsync(deviceA, TopicA, "own-topic");

        Assert.Equal(MqttClientPublishReasonCode.Success, result.ReasonCode);
        await hub.WaitForAsync(TopicA, "own-topic");
    }

    [Fact]
    public async Task A_device_publishing_on_another_device_s_topic_is_refused_and_never_delivered()
    {
        await using var hub = await SubscribeAsync(AclBrokerFixture.HubUser, HubFilter);
        using var deviceA = await broker.ConnectAsAsync(DeviceA);
        using var deviceA311 = await broker.ConnectAsAsync(DeviceA, MqttProtocolVersion.V311);
        using var deviceB = await broker.ConnectAsAsync(DeviceB);

        var asB = await PublishAsync(deviceA, TopicB, "a-as-b-v5");
        // MQTT 3.1.1 has no reason codes: the broker acknowledges and drops the message.
        var asB311 = await PublishAsync(deviceA311, TopicB, "a-as-b-v311");
        await PublishAsync(deviceB, TopicB, "marker");

        Assert.Equal(MqttClientPublishReasonCode.NotAuthorized, asB.ReasonCode);
        Assert.Equal(MqttClientPublishReasonCode.Success, asB311.ReasonCode);
        await hub.WaitForAsync(TopicB, "marker");
        Assert.Equal(["marker"], hub.Received.Select(m => m.Payload));
    }

    [Fact]
    public async Task A_wrong_password_another_device_s_password_or_none_is_refused_at_connect()
    {
        var attempts = new[]
        {
            (DeviceA, "not-the-password", MqttProtocolVersion.V500),
            (DeviceA, broker.Passwords[DeviceB], MqttProtocolVersion.V500),
            (AclBrokerFixture.HubUser, broker.Passwords[DeviceA], MqttProtocolVersion.V500),
            (DeviceA, "not-the-password", MqttProtocolVersion.V311),
            ((string?)null, (string?)null, MqttProtocolVersion.V500),
        };

        foreach (var (user, password, protocol) in attempts)
        {
            var (client, result) = await broker.ConnectAsync(user, password, protocol);
            using (client)
            {
                // mosquitto 2.0 answers "not authorized" to both; the MQTT 5 spec also allows "bad user name or password".
                Assert.Contains(result.ResultCode, new[] { MqttClientConnectResultCode.NotAuthorized, MqttClientConnectResultCode.BadUserNameOrPassword });
                Assert.False(client.IsConnected, $"{user ?? "anonymous"} ({protocol}) is connected");
            }
        }
    }

    [Fact]
    public async Task The_hub_s_account_reads_device_telemetry_but_may_not_publish_it()
    {
        await using var hub = await SubscribeAsync(AclBrokerFixture.HubUser, HubFilter);
        using var hubPublisher = await broker.ConnectAsAsync(AclBrokerFixture.HubUser);
        using var deviceA = await broker.ConnectAsAsync(DeviceA);

        var telemetry = await PublishAsync(hubPublisher, TopicA, "hub-as-a");
        var command = await PublishAsync(hubPublisher, "facility/riverside/rs-b1/rs-b1-pump-1/command", "hub-command");
        await PublishAsync(deviceA, TopicA, "marker");

        Assert.Equal(MqttClientPublishReasonCode.NotAuthorized, telemetry.ReasonCode);
        Assert.Equal(MqttClientPublishReasonCode.NotAuthorized, command.ReasonCode);
        await hub.WaitForAsync(TopicA, "marker");
        Assert.Equal(["marker"], hub.Received.Select(m => m.Payload));
    }

    [Fact]
    public async Task A_device_reads_nothing_not_even_its_neighbours_home_alarm_events()
    {
        // mosquitto grants the subscription and filters every message by the ACL: the device's account has no read.
        await using var snoop = await SubscribeAsync(DeviceA, "facility/#");
        await using var hub = await SubscribeAsync(AclBrokerFixture.HubUser, HubFilter);
        using var homeAlarm = await broker.ConnectAsAsync("rs-b1-alarm-0301");

        await PublishAsync(homeAlarm, "facility/riverside/rs-b1/rs-b1-alarm-0301/event", """{"event":"disarmed"}""");

        await hub.WaitForAsync("facility/riverside/rs-b1/rs-b1-alarm-0301/event", """{"event":"disarmed"}""");
        Assert.Empty(snoop.Received);
    }

    [Fact]
    public async Task The_fleet_simulator_speaks_for_every_device_each_logged_in_as_itself()
    {
        await using var hub = await SubscribeAsync(AclBrokerFixture.HubUser, HubFilter);
        var topology = await FleetTopology.LoadAsync(broker.TopologyFile, CancellationToken.None);
        var credentials = await DeviceCredentials.LoadAsync(broker.CredentialsFile, CancellationToken.None);
        var log = new ConcurrentQueue<string>();
        await using (var fleet = new DeviceFleetPublisher("127.0.0.1", broker.Broker.MqttPort, topology.Devices, credentials, "acl-test", log.Enqueue))
        {
            await fleet.ConnectAsync(CancellationToken.None);
            foreach (var message in new FleetGenerator(topology, seed: 7).Next(DateTimeOffset.UtcNow)) fleet.Enqueue(message);

            Assert.True(await fleet.DrainAsync(TimeSpan.FromSeconds(20)), "every queued message was published");
            Assert.Equal(0, fleet.Dropped);
        }

        var everyDevice = topology.Devices.Select(d => d.TopicPrefix).ToHashSet();
        await Eventually.UntilAsync(() => Task.FromResult(everyDevice.SetEquals(hub.Received.Select(m => m.Topic[..m.Topic.LastIndexOf('/')]))),
            TimeSpan.FromSeconds(10), "the hub's account has a message from every device");
        Assert.DoesNotContain(log, l => l.Contains("refused", StringComparison.Ordinal));
    }

    private static Task<MqttClientPublishResult> PublishAsync(IMqttClient client, string topic, string payload) =>
        client.PublishAsync(new MqttApplicationMessageBuilder().WithTopic(topic).WithPayload(payload)
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).Build());

    private async Task<Subscriber> SubscribeAsync(string username, string filter)
    {
        var client = await broker.ConnectAsAsync(username);
        var subscriber = new Subscriber(client);
        var result = await client.SubscribeAsync(new MqttClientSubscribeOptionsBuilder()
            .WithTopicFilter(f => f.WithTopic(filter).WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)).Build());
        Assert.Equal(MqttClientSubscribeResultCode.GrantedQoS1, Assert.Single(result.Items).ResultCode);
        return subscriber;
    }

    /// <summary>Everything one connection has received, in order.</summary>
    private sealed class Subscriber : IAsyncDisposable
    {
        private readonly IMqttClient _client;
        private readonly ConcurrentQueue<(string Topic, string Payload)> _received = new();

        public Subscriber(IMqttClient client)
        {
            _client = client;
            _client.ApplicationMessageReceivedAsync += e =>
            {
                _received.Enqueue((e.ApplicationMessage.Topic, Encoding.UTF8.GetString(e.ApplicationMessage.Payload)));
                return Task.CompletedTask;
            };
        }

        public IReadOnlyList<(string Topic, string Payload)> Received => [.. _received];

        public Task WaitForAsync(string topic, string payload) =>
            Eventually.UntilAsync(() => Task.FromResult(_received.Contains((topic, payload))), TimeSpan.FromSeconds(10), $"'{payload}' arrives on {topic}");

        public async ValueTask DisposeAsync()
        {
            if (_client.IsConnected) await _client.DisconnectAsync();
            _client.Dispose();
        }
    }
}
