using System.Diagnostics;
using FacilityHub.FleetSimulator.Generation;
using FacilityHub.Ingestion.Mqtt;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;

namespace FacilityHub.Bench;

/// <summary>
/// Publishes the fleet's messages (QoS 1) at a set rate over several connections, each with a window of publishes in
/// flight: one connection awaiting every PUBACK manages ~10,000/s here (STACK.md), which would measure the generator,
/// not the hub. Devices take turns, so each device's readings stay far apart in time (distinct points in InfluxDB).
/// </summary>
internal sealed class LoadGenerator : IAsyncDisposable
{
    // Below mosquitto's default receive maximum (20) per connection.
    private const int Window = 16;

    private readonly IMqttClient[] _clients;
    // Injected faults go over a connection of their own, as a real pump has: never queued behind the load's windows.
    private readonly IMqttClient _faults;
    private readonly SemaphoreSlim[] _windows;
    private int _cursor;
    private long _acknowledged;
    private long _failed;

    private LoadGenerator(IMqttClient[] clients, IMqttClient faults)
    {
        _clients = clients;
        _faults = faults;
        _windows = [.. clients.Select(_ => new SemaphoreSlim(Window, Window))];
    }

    public static async Task<LoadGenerator> ConnectAsync(int port, int connections, string name, CancellationToken cancellationToken)
    {
        var factory = new MqttClientFactory();
        var clients = new IMqttClient[connections + 1];
        for (var i = 0; i < clients.Length; i++)
        {
            clients[i] = factory.CreateMqttClient();
            // The hub's socket buffers: with MQTTnet's 8 KiB each connection would stall on every busy moment.
            await clients[i].ConnectAsync(MqttSocketBuffers.Large(new MqttClientOptionsBuilder().WithTcpServer("127.0.0.1", port)
                .WithClientId($"{name}-{Environment.ProcessId}-{i}").WithProtocolVersion(MqttProtocolVersion.V500)
                .WithCleanStart(true).WithTimeout(TimeSpan.FromSeconds(10)).Build()), cancellationToken);
        }

        return new LoadGenerator(clients[..connections], clients[connections]);
    }

    /// <summary>Sends <paramref name="devices"/>' next messages at <paramref name="rate"/> per second for
    /// <paramref name="duration"/>, under <paramref name="topicRoot"/> instead of <c>facility</c> when given, then waits
    /// for the broker's acknowledgements.</summary>
    public async Task<LoadStep> RunAsync(IReadOnlyList<DeviceSimulator> devices, string topicRoot, double rate, TimeSpan duration, CancellationToken cancellationToken)
    {
        var acknowledgedBefore = Interlocked.Read(ref _acknowledged);
        var failedBefore = Interlocked.Read(ref _failed);
        long sent = 0;
        var connection = 0;
        // The window the step's points are counted in: the messages' own timestamps, which are not all "now" (a
        // dishwasher's first message of the day brings the water changes it missed, stamped a millisecond apart before
        // it; the first device of a step sent 6 of them before the step began, and the count came 3 short).
        var from = DateTimeOffset.MaxValue;
        var to = DateTimeOffset.MinValue;
        var clock = Stopwatch.StartNew();

        // The next device in turn publishes its next messages, round-robin over the connections, within each one's window.
        async Task NextDeviceAsync()
        {
            var device = devices[_cursor];
            _cursor = (_cursor + 1) % devices.Count;
            foreach (var message in device.Next(DateTimeOffset.UtcNow))
            {
                if (message.Timestamp < from) from = message.Timestamp;
                if (message.Timestamp > to) to = message.Timestamp;
                var c = connection;
                connection = (connection + 1) % _clients.Length;
                await _windows[c].WaitAsync(cancellationToken);
                _ = PublishAsync(c, Build(message, topicRoot));
                sent++;
            }
        }

        while (clock.Elapsed < duration)
        {
            var due = (long)(rate * clock.Elapsed.TotalSeconds);
            while (sent < due) await NextDeviceAsync();

            await Task.Delay(1, cancellationToken);
        }

        // The step's full count even when this process was starved at the very end (a loaded machine): a short step
        // must not read as "the hub fell behind" because the generator did.
        var total = (long)(rate * duration.TotalSeconds);
        while (sent < total) await NextDeviceAsync();

        var elapsed = clock.Elapsed;
        var settle = Stopwatch.StartNew();
        while (Interlocked.Read(ref _acknowledged) - acknowledgedBefore + Interlocked.Read(ref _failed) - failedBefore < sent && settle.Elapsed < TimeSpan.FromSeconds(30))
        {
            await Task.Delay(10, cancellationToken);
        }

        return new LoadStep(rate, sent, Interlocked.Read(ref _acknowledged) - acknowledgedBefore, Interlocked.Read(ref _failed) - failedBefore, from, to, elapsed);
    }

    /// <summary>Every device's next message(s) once, paced at <paramref name="rate"/> messages per second, then the
    /// broker's acknowledgements awaited: a round of heartbeats and readings that keeps an estate in its normal state.</summary>
    public async Task<LoadStep> RoundAsync(IReadOnlyList<DeviceSimulator> devices, double rate, CancellationToken cancellationToken)
    {
        var acknowledgedBefore = Interlocked.Read(ref _acknowledged);
        var failedBefore = Interlocked.Read(ref _failed);
        long sent = 0;
        var connection = 0;
        var from = DateTimeOffset.UtcNow;
        var clock = Stopwatch.StartNew();
        foreach (var device in devices)
        {
            foreach (var message in device.Next(DateTimeOffset.UtcNow))
            {
                while (sent >= rate * clock.Elapsed.TotalSeconds) await Task.Delay(1, cancellationToken);
                var c = connection;
                connection = (connection + 1) % _clients.Length;
                await _windows[c].WaitAsync(cancellationToken);
                _ = PublishAsync(c, Build(message, "facility"));
                sent++;
            }
        }

        var elapsed = clock.Elapsed;
        var to = DateTimeOffset.UtcNow;
        var settle = Stopwatch.StartNew();
        while (Interlocked.Read(ref _acknowledged) - acknowledgedBefore + Interlocked.Read(ref _failed) - failedBefore < sent && settle.Elapsed < TimeSpan.FromSeconds(30))
        {
            await Task.Delay(10, cancellationToken);
        }

        return new LoadStep(rate, sent, Interlocked.Read(ref _acknowledged) - acknowledgedBefore, Interlocked.Read(ref _failed) - failedBefore, from, to, elapsed);
    }

    /// <summary>One message, awaited, over the faults' own connection (for injected faults).</summary>
    public async Task PublishNowAsync(FleetMessage message, CancellationToken cancellationToken) =>
        await _faults.PublishAsync(Build(message, "facility"), cancellationToken);

    private static MqttApplicationMessage Build(FleetMessage message, string topicRoot) =>
        new MqttApplicationMessageBuilder()
            .WithTopic(topicRoot == "facility" ? message.Topic : topicRoot + message.Topic["facility".Length..])
            .WithPayload(PayloadWriter.ToJson(message))
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
            .Build();

    private async Task PublishAsync(int connection, MqttApplicationMessage message)
    {
        try
        {
            var result = await _clients[connection].PublishAsync(message);
            Interlocked.Increment(ref (int)result.ReasonCode < 0x80 ? ref _acknowledged : ref _failed);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            Interlocked.Increment(ref _failed);
        }
        finally
        {
            _windows[connection].Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var client in _clients.Append(_faults))
        {
            if (client.IsConnected) await client.DisconnectAsync();
            client.Dispose();
        }
    }
}
