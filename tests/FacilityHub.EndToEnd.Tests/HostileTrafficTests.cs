using System.Diagnostics;
using System.Globalization;
using System.Text;
using FacilityHub.Api.V1;
using FacilityHub.Testing;
using MQTTnet;
using MQTTnet.Protocol;
using Xunit.Abstractions;

namespace FacilityHub.EndToEnd.Tests;

/// <summary>A hostile device bursting every kind of bad input through real mosquitto while a good device publishes
/// beside it: each bad message is counted by reason, none of its payload reaches the log, and every good message is
/// stored.</summary>
[Collection(HubCollection.Name)]
public sealed class HostileTrafficTests(HubFixture hub, ITestOutputHelper output)
{
    private const string HostileId = "t-pump-hostile";
    private const string GoodId = "t-pump-good";
    private const int Rounds = 20;
    private const int GoodMessages = 400;
    // Stands for personal data in a payload; it must never show in the hub's log.
    private const string Secret = "mrs-jones-flat-12";

    private static string Ts(DateTimeOffset at) => at.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture);

    /// <summary>One round of hostile messages and the rejections each adds.</summary>
    private static (string Topic, byte[] Payload)[] HostileRound(DateTimeOffset now, string replayed)
    {
        string pump = TestTopology.Topic(HostileId), good = TestTopology.Topic(GoodId);
        static byte[] B(string s) => Encoding.UTF8.GetBytes(s);
        return
        [
            (pump, B($$$"""{"values":{"running":0},"note":"{{{Secret}}}{{{new string('x', 20_000)}}}"}""")),          // oversized
            (pump, B("{\"values\":{\"x\":" + new string('[', 5_000) + new string(']', 5_000) + "}}")),                // too_deep
            (pump, B("""{"values":{"outlet_pressure_bar":1e300}}""")),                                               // out_of_range
            (pump, B("""{"values":{"outlet_pressure_bar":-1e400}}""")),                                              // out_of_range
            (pump, B("""{"values":{"outlet_pressure_bar":NaN}}""")),                                                 // malformed_json
            (pump, B("""{"values":{"outlet_pressure_bar":"NaN"}}""")),                                               // not_a_number
            (pump, B("""{"values":{"flow_m3h":"4.5"}}""")),                                                          // not_a_number
            (pump, B($$$"""{"values":{"running\u0007{{{Secret}}}":1}}""")),                                         // bad_id
            (pump, B("""{"device":"+","values":{"running":0}}""")),                                                  // bad_id
            ($"facility/riverside/{TestTopology.Building}/../telemetry", B("""{"values":{"running":0}}""")),         // bad_id
            (pump, B(replayed)),                                                                                     // duplicate (the first one before the burst was accepted)
            (pump, B($$$"""{"ts":"{{{Ts(now.AddDays(-2))}}}","values":{"running":0}}""")),                          // timestamp_too_old
            (pump, B($$$"""{"ts":"{{{Ts(now.AddHours(1))}}}","values":{"running":0}}""")),                          // timestamp_in_future
            (pump, B("""{"values":{"running":0,"running":1}}""")),                                                   // duplicate_key
            (good, B($$$"""{"device":"{{{HostileId}}}","values":{"outlet_pressure_bar":0.1,"flow_m3h":399,"running":1}}""")), // device_mismatch
        ];
    }

    private static readonly Dictionary<string, long> PerRound = new()
    {
        ["oversized"] = 1, ["too_deep"] = 1, ["out_of_range"] = 2, ["malformed_json"] = 1, ["not_a_number"] = 2, ["bad_id"] = 3,
        ["duplicate"] = 1, ["timestamp_too_old"] = 1, ["timestamp_in_future"] = 1, ["duplicate_key"] = 1, ["device_mismatch"] = 1,
    };

    [Fact]
    public async Task A_burst_of_hostile_input_is_rejected_and_counted_and_every_good_message_beside_it_is_stored()
    {
        var before = await hub.Telemetry.GetIngestionStatsAsync(new GetIngestionStatsRequest());
        await using var hostile = await ConnectAsync("e2e-hostile");
        await using var good = await ConnectAsync("e2e-good");
        var now = DateTimeOffset.UtcNow;
        string replayed = $$$"""{"ts":"{{{Ts(now.AddSeconds(-30))}}}","values":{"running":0}}""";
        await PublishAsync(hostile.Client, TestTopology.Topic(HostileId), Encoding.UTF8.GetBytes(replayed));

        var burst = Stopwatch.StartNew();
        var hostileBurst = Task.Run(async () =>
        {
            for (int round = 0; round < Rounds; round++)
            {
                foreach (var (topic, payload) in HostileRound(now, replayed)) await PublishAsync(hostile.Client, topic, payload);
            }
        });
        var goodStream = Task.Run(async () =>
        {
            for (int i = 0; i < GoodMessages; i++)
            {
                // Distinct times: InfluxDB keeps one point per time and tags.
                string payload = $$$"""{"ts":"{{{Ts(now.AddSeconds(-60).AddMilliseconds(i))}}}","values":{"outlet_pressure_bar":4.5,"flow_m3h":{{{(100 + i * 0.5).ToString(CultureInfo.InvariantCulture)}}},"running":1}}""";
                await PublishAsync(good.Client, TestTopology.Topic(GoodId), Encoding.UTF8.GetBytes(payload));
            }
        });
        await Task.WhenAll(hostileBurst, goodStream);
        var published = burst.Elapsed;

        await Eventually.UntilAsync(async () => await StoredGood() == GoodMessages, TimeSpan.FromSeconds(30), $"all {GoodMessages} good messages are in InfluxDB");
        var stored = burst.Elapsed;
        Dictionary<string, long> delta = [];
        await Eventually.UntilAsync(async () =>
        {
            var after = await hub.Telemetry.GetIngestionStatsAsync(new GetIngestionStatsRequest());
            delta = after.Rejected.ToDictionary(r => r.Key, r => r.Value - before.Rejected.GetValueOrDefault(r.Key)).Where(r => r.Value != 0).ToDictionary();
            return delta.Values.Sum() >= PerRound.Values.Sum() * Rounds;
        }, TimeSpan.FromSeconds(15), "every hostile message is counted");
        output.WriteLine($"{Rounds * HostileRound(now, replayed).Length} hostile and {GoodMessages} good messages published in {published.TotalSeconds:F1} s; " +
            $"every good one stored {stored.TotalSeconds:F1} s after the start");

        Assert.Equal(PerRound.ToDictionary(r => r.Key, r => r.Value * Rounds).OrderBy(r => r.Key), delta.OrderBy(r => r.Key));
        Assert.Equal(GoodMessages, await StoredGood()); // the mismatched message on the good device's topic added nothing
        Assert.Equal(0, await hub.Servers.CountInfluxAsync($"SELECT count(outlet_pressure_bar) FROM telemetry WHERE equipment = '{HostileId}'"));
        Assert.Contains($"Rejected MQTT input (DeviceMismatch) from {GoodId}", hub.HubLog);
        Assert.Contains($"Rejected MQTT input (TooDeep) from {HostileId}", hub.HubLog);
        Assert.DoesNotContain(Secret, hub.HubLog);
    }

    [Fact]
    public async Task Control_characters_and_wildcards_in_a_topic_are_refused_before_the_hub_and_the_publisher_loses_its_connection()
    {
        // The broker's own first line: mosquitto drops a client whose topic has control characters (malformed
        // packet), and MQTTnet will not publish a wildcard. The hub's check (bad_id) is for a broker that lets them by.
        await using var hostile = await ConnectAsync("e2e-hostile-topic");
        await Assert.ThrowsAnyAsync<Exception>(() => PublishAsync(hostile.Client, $"facility/riverside/{TestTopology.Building}/{HostileId}\u0007/telemetry", "{}"u8.ToArray()));
        Assert.False(hostile.Client.IsConnected);
        await using var wildcard = await ConnectAsync("e2e-hostile-wildcard");
        await Assert.ThrowsAnyAsync<Exception>(() => PublishAsync(wildcard.Client, $"facility/riverside/{TestTopology.Building}/+/telemetry", "{}"u8.ToArray()));
    }

    private Task<long> StoredGood() =>
        hub.Servers.CountInfluxAsync($"SELECT count(flow_m3h) FROM telemetry WHERE equipment = '{GoodId}'");

    private static Task PublishAsync(IMqttClient client, string topic, byte[] payload) =>
        client.PublishAsync(new MqttApplicationMessageBuilder().WithTopic(topic).WithPayload(payload)
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).Build());

    private async Task<Connection> ConnectAsync(string clientId)
    {
        var client = new MqttClientFactory().CreateMqttClient();
        await client.ConnectAsync(new MqttClientOptionsBuilder().WithTcpServer("127.0.0.1", hub.Servers.MqttPort).WithClientId(clientId)
            .WithProtocolVersion(MQTTnet.Formatter.MqttProtocolVersion.V500).Build());
        return new Connection(client);
    }

    private sealed class Connection(IMqttClient client) : IAsyncDisposable
    {
        public IMqttClient Client { get; } = client;

        public async ValueTask DisposeAsync()
        {
            if (Client.IsConnected) await Client.DisconnectAsync();
            Client.Dispose();
        }
    }
}
