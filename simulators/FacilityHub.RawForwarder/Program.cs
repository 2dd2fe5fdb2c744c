using System.Buffers;
using System.Globalization;
using System.Net.Http;
using System.Text;
using System.Text.Json;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;

// The raw ceiling of the benchmark: subscribes (QoS 1) to PREFIX/#, turns each {"ts","values"|"event"} payload into one
// line of line protocol (tags site, building, equipment from the topic) and posts batches to InfluxDB 1.x /write.
// Usage: FacilityHub.RawForwarder MQTT_PORT INFLUX_URL DATABASE [PREFIX=bench-raw] [BATCH=5000] [FLUSH_MS=100]
// Prints "forwarder: subscribed" once ready and "forwarder: wrote N" every second it wrote something.
if (args.Length < 3)
{
    Console.Error.WriteLine("usage: FacilityHub.RawForwarder MQTT_PORT INFLUX_URL DATABASE [PREFIX] [BATCH] [FLUSH_MS]");
    return 2;
}

var mqttPort = int.Parse(args[0], CultureInfo.InvariantCulture);
var influx = args[1].TrimEnd('/');
var database = args[2];
var prefix = args.Length > 3 ? args[3] : "bench-raw";
var batchSize = args.Length > 4 ? int.Parse(args[4], CultureInfo.InvariantCulture) : 5000;
var flushMs = args.Length > 5 ? int.Parse(args[5], CultureInfo.InvariantCulture) : 100;

var gate = new object();
var buffer = new StringBuilder(1 << 20);
var lines = 0;
long written = 0;
using var stop = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) => { e.Cancel = true; stop.Cancel(); };
AppDomain.CurrentDomain.ProcessExit += (_, _) => stop.Cancel();

using var http = new HttpClient(new SocketsHttpHandler { UseProxy = false }) { Timeout = TimeSpan.FromSeconds(30) };
var writeUrl = $"{influx}/write?db={Uri.EscapeDataString(database)}&precision=ms";
var ready = new SemaphoreSlim(0);

async Task FlushAsync()
{
    string body;
    int count;
    lock (gate)
    {
        if (lines == 0) return;
        body = buffer.ToString();
        count = lines;
        buffer.Clear();
        lines = 0;
    }

    for (var attempt = 1; ; attempt++)
    {
        using var response = await http.PostAsync(writeUrl, new StringContent(body, Encoding.UTF8, "text/plain"));
        if (response.IsSuccessStatusCode) break;
        if (attempt == 3)
        {
            Console.Error.WriteLine($"forwarder: influxd refused a batch of {count}: {(int)response.StatusCode}");
            return;
        }
    }

    Interlocked.Add(ref written, count);
}

var factory = new MqttClientFactory();
using var client = factory.CreateMqttClient();
client.ApplicationMessageReceivedAsync += e =>
{
    var topic = e.ApplicationMessage.Topic.Split('/');
    if (topic.Length != 5) return Task.CompletedTask;
    var line = ToLine(topic, e.ApplicationMessage.Payload);
    if (line is null) return Task.CompletedTask;
    bool full;
    lock (gate)
    {
        buffer.Append(line).Append('\n');
        full = ++lines >= batchSize;
    }

    if (full) ready.Release();
    return Task.CompletedTask;
};
var clientOptions = new MqttClientOptionsBuilder().WithTcpServer("127.0.0.1", mqttPort).WithClientId($"raw-forwarder-{Environment.ProcessId}")
    .WithProtocolVersion(MqttProtocolVersion.V500).WithCleanStart(true).Build();
// The hub's socket buffers (FacilityHub.Ingestion's MqttSocketBuffers; this program stays standalone), so that the
// ceiling and the hub read the broker alike: MQTTnet's 8 KiB default stalls a busy connection.
((MqttClientTcpOptions)clientOptions.ChannelOptions).BufferSize = 1 << 20;
await client.ConnectAsync(clientOptions, stop.Token);
await client.SubscribeAsync(factory.CreateSubscribeOptionsBuilder()
    .WithTopicFilter(f => f.WithTopic(prefix + "/#").WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)).Build(), stop.Token);
Console.WriteLine($"forwarder: subscribed to {prefix}/# on 127.0.0.1:{mqttPort}, writing batches of {batchSize} (or every {flushMs} ms) to {influx} db {database}");

var report = DateTime.UtcNow;
long reported = 0;
while (!stop.IsCancellationRequested)
{
    try
    {
        await ready.WaitAsync(flushMs, stop.Token);
    }
    catch (OperationCanceledException)
    {
        break;
    }

    await FlushAsync();
    if (DateTime.UtcNow - report > TimeSpan.FromSeconds(1) && Interlocked.Read(ref written) != reported)
    {
        reported = Interlocked.Read(ref written);
        report = DateTime.UtcNow;
        Console.WriteLine($"forwarder: wrote {reported}");
    }
}

await FlushAsync();
return 0;

static string? ToLine(string[] topic, ReadOnlySequence<byte> payload)
{
    var reader = new Utf8JsonReader(payload);
    var fields = new StringBuilder(128);
    string? ts = null;
    string? evt = null;
    string? zone = null;
    try
    {
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject) return null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = reader.GetString();
            reader.Read();
            switch (name)
            {
                case "ts":
                    ts = reader.TokenType == JsonTokenType.Number
                        ? reader.GetInt64().ToString(CultureInfo.InvariantCulture)
                        : DateTimeOffset.Parse(reader.GetString()!, CultureInfo.InvariantCulture).ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture);
                    break;
                case "values":
                    while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                    {
                        var metric = reader.GetString();
                        reader.Read();
                        if (reader.TokenType != JsonTokenType.Number) continue;
                        fields.Append(fields.Length == 0 ? "" : ",").Append(metric).Append('=').Append(reader.GetDouble().ToString("R", CultureInfo.InvariantCulture));
                    }

                    break;
                case "event":
                    evt = reader.GetString();
                    break;
                case "zone":
                    zone = reader.GetString();
                    break;
                default:
                    reader.Skip();
                    break;
            }
        }
    }
    catch (Exception ex) when (ex is JsonException or FormatException or InvalidOperationException)
    {
        return null;
    }

    var tags = $"site={topic[1]},building={topic[2]},equipment={topic[3]}";
    var time = ts ?? DateTimeOffset.UtcNow.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture);
    if (evt is not null)
    {
        return $"events,{tags},event={evt} count=1i{(zone is null ? "" : $",zone=\"{zone}\"")} {time}";
    }

    return fields.Length == 0 ? null : $"telemetry,{tags} {fields} {time}";
}
