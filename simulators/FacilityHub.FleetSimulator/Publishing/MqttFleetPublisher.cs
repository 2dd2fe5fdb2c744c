using System.Threading.Channels;
using FacilityHub.FleetSimulator.Generation;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;

namespace FacilityHub.FleetSimulator.Publishing;

/// <summary>
/// Publishes fleet messages over MQTT (QoS 1) from a queue, in order, on one connection (anonymous, or logged in
/// with <see cref="MqttAccount"/>). When the connection drops it reconnects with back-off; meanwhile messages wait in
/// the queue (like a device's buffer) and, when it is full, the oldest are dropped and counted.
/// </summary>
public sealed class MqttFleetPublisher : IFleetPublisher
{
    private const int PublishAttemptsWhileConnected = 3;
    private static readonly TimeSpan FirstReconnectDelay = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan MaxReconnectDelay = TimeSpan.FromSeconds(10);

    private readonly IMqttClient _client;
    private readonly MqttClientOptions _options;
    private readonly Channel<FleetMessage> _queue;
    private readonly Action<string> _log;
    private readonly CancellationTokenSource _stopping = new();
    private Task _loop = Task.CompletedTask;
    private long _published;
    private long _dropped;

    public MqttFleetPublisher(string host, int port, string clientId, Action<string> log, int queueCapacity = 100_000, MqttAccount? account = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(host);
        ArgumentNullException.ThrowIfNull(log);
        Endpoint = $"{host}:{port}";
        _log = log;
        _client = new MqttClientFactory().CreateMqttClient();
        var options = new MqttClientOptionsBuilder()
            .WithTcpServer(host, port)
            .WithClientId(clientId)
            .WithProtocolVersion(MqttProtocolVersion.V500)
            // A publisher has no subscriptions worth keeping between connections.
            .WithCleanStart(true)
            .WithTimeout(TimeSpan.FromSeconds(5))
            .WithKeepAlivePeriod(TimeSpan.FromSeconds(15));
        _options = (account is null ? options : options.WithCredentials(account.Username, account.Password)).Build();
        _queue = Channel.CreateBounded<FleetMessage>(
            new BoundedChannelOptions(queueCapacity) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true },
            _ => Interlocked.Increment(ref _dropped));
        _client.DisconnectedAsync += args =>
        {
            if (args.ClientWasConnected && !_stopping.IsCancellationRequested)
            {
                _log($"connection to MQTT broker {Endpoint} lost ({args.Reason}); reconnecting");
            }

            return Task.CompletedTask;
        };
    }

    /// <summary>host:port of the broker.</summary>
    public string Endpoint { get; }

    /// <summary>Messages the broker has acknowledged.</summary>
    public long Published => Interlocked.Read(ref _published);

    /// <summary>Messages given up: pushed out of a full queue while disconnected, or refused by the broker.</summary>
    public long Dropped => Interlocked.Read(ref _dropped);

    /// <summary>Connects for the first time and starts publishing what is queued.</summary>
    /// <exception cref="BrokerUnreachableException">No connection could be made.</exception>
    public async Task ConnectAsync(CancellationToken cancellationToken)
    {
        try
        {
            await ConnectOnceAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // The innermost cause ("Connection refused") says it best; MQTTnet's wrapper repeats host:port.
            throw new BrokerUnreachableException($"cannot connect to MQTT broker at {Endpoint}: {ex.GetBaseException().Message}", ex);
        }

        _loop = Task.Run(() => PublishLoopAsync(_stopping.Token), CancellationToken.None);
    }

    /// <summary>Queues a message; never blocks (a full queue drops its oldest message).</summary>
    public void Enqueue(FleetMessage message) => _queue.Writer.TryWrite(message);

    /// <summary>Takes no more messages and waits up to <paramref name="timeout"/> for the queued ones to be published.</summary>
    /// <returns>True when everything queued was handed over.</returns>
    public async Task<bool> DrainAsync(TimeSpan timeout)
    {
        _queue.Writer.TryComplete();
        try
        {
            await _loop.WaitAsync(timeout).ConfigureAwait(false);
            return true;
        }
        catch (TimeoutException)
        {
            return false;
        }
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _stopping.CancelAsync().ConfigureAwait(false);
        try
        {
            await _loop.ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // Stopping: messages still queued are left behind on purpose, and a reconnect cut short does not matter.
        }

        if (_client.IsConnected)
        {
            try
            {
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
                await _client.DisconnectAsync(new MqttClientDisconnectOptionsBuilder().Build(), timeout.Token).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                // The broker went away while we were leaving: nothing left to tidy up.
            }
        }

        _client.Dispose();
        _stopping.Dispose();
    }

    private static string Describe(Exception ex)
    {
        var root = ex.GetBaseException();
        return root == ex ? ex.Message : $"{ex.Message} ({root.Message})";
    }

    private async Task PublishLoopAsync(CancellationToken cancellationToken)
    {
        await foreach (var message in _queue.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
        {
            var application = new MqttApplicationMessageBuilder()
                .WithTopic(message.Topic)
                .WithPayload(PayloadWriter.ToJson(message))
                .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
                .Build();
            var failures = 0;
            while (true)
            {
                if (!_client.IsConnected)
                {
                    await ReconnectAsync(cancellationToken).ConfigureAwait(false);
                }

                try
                {
                    var result = await _client.PublishAsync(application, cancellationToken).ConfigureAwait(false);
                    // MQTT 5 reason codes below 0x80 are successes (NoMatchingSubscribers included).
                    if ((int)result.ReasonCode < 0x80)
                    {
                        Interlocked.Increment(ref _published);
                    }
                    else
                    {
                        Interlocked.Increment(ref _dropped);
                        _log($"broker refused a message to {message.Topic}: {result.ReasonCode} {result.ReasonString}");
                    }

                    break;
                }
                catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
                {
                    // Dropped mid-publish: send it again after reconnecting (QoS 1 allows a duplicate).
                    // Failing while still connected is something else; do not retry that forever.
                    if (_client.IsConnected && ++failures >= PublishAttemptsWhileConnected)
                    {
                        Interlocked.Increment(ref _dropped);
                        _log($"gave up a message to {message.Topic}: {Describe(ex)}");
                        break;
                    }
                }
            }
        }
    }

    private async Task ReconnectAsync(CancellationToken cancellationToken)
    {
        var delay = FirstReconnectDelay;
        for (var attempt = 1; !_client.IsConnected; attempt++)
        {
            try
            {
                await ConnectOnceAsync(cancellationToken).ConfigureAwait(false);
                _log($"reconnected to MQTT broker {Endpoint}" + (attempt > 1 ? $" after {attempt} attempts" : ""));
                return;
            }
            catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
            {
                // One line now and then, not one per attempt, while the broker stays down.
                if (attempt == 1 || attempt % 10 == 0)
                {
                    _log($"reconnect to MQTT broker {Endpoint} failed (attempt {attempt}): {ex.GetBaseException().Message}; retrying");
                }
            }

            await Task.Delay(delay, cancellationToken).ConfigureAwait(false);
            delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, MaxReconnectDelay.Ticks));
        }
    }

    /// <summary>MQTTnet 5 answers a refused CONNECT (bad password, not authorised) with a result, not an exception:
    /// turn it into one, so a refusal is never taken for a connection.</summary>
    private async Task ConnectOnceAsync(CancellationToken cancellationToken)
    {
        var result = await _client.ConnectAsync(_options, cancellationToken).ConfigureAwait(false);
        if (result.ResultCode != MqttClientConnectResultCode.Success)
        {
            throw new InvalidOperationException($"the broker refused the connection: {result.ResultCode}");
        }
    }
}
