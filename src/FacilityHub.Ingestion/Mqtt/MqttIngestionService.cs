using FacilityHub.Ingestion.Pipeline;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MQTTnet;
using MQTTnet.Protocol;

namespace FacilityHub.Ingestion.Mqtt;

/// <summary>Subscribes (QoS 1, shared, persistent session) and feeds every message to the pipeline; the
/// broker's acknowledgement follows the pipeline's work, so a crash loses no acknowledged message.
/// Reconnects on its own when the broker goes away.</summary>
public sealed partial class MqttIngestionService(
    IOptions<MqttOptions> options,
    TelemetryPipeline pipeline,
    ILogger<MqttIngestionService> logger) : BackgroundService
{
    /// <summary>Messages whose grain call is still running (their PUBACK waits for it).</summary>
    public const int MaxInFlight = 1000;

    private readonly MqttClientFactory _factory = new();
    private readonly SemaphoreSlim _window = new(MaxInFlight, MaxInFlight);
    private readonly TaskCompletionSource _subscribed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes once the first subscription is in place.</summary>
    public Task Subscribed => _subscribed.Task;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var o = options.Value;
        using var client = _factory.CreateMqttClient();
        // MQTTnet hands over one message at a time and waits for the handler: awaiting each grain call there caps
        // ingestion at one message per grain round trip. The handler only parses and stores (synchronously, so messages
        // of one device reach their grain in order) and starts the grain call; the PUBACK follows when that call is done,
        // with at most MaxInFlight messages between the two.
        client.ApplicationMessageReceivedAsync += async e =>
        {
            e.AutoAcknowledge = false;
            await _window.WaitAsync(stoppingToken);
            Task handled;
            try
            {
                handled = pipeline.HandleAsync(e.ApplicationMessage.Topic, e.ApplicationMessage.Payload);
            }
            catch (Exception ex)
            {
                handled = Task.FromException(ex);
            }
            _ = AcknowledgeWhenHandledAsync(e, handled);
        };
        var clientOptions = new MqttClientOptionsBuilder()
            .WithTcpServer(o.Host, o.Port)
            .WithClientId(o.ClientId)
            .WithCleanStart(false)
            .WithSessionExpiryInterval(3600)
            .WithProtocolVersion(MQTTnet.Formatter.MqttProtocolVersion.V500);
        if (o.Username is not null) clientOptions = clientOptions.WithCredentials(o.Username, o.Password);
        var built = MqttSocketBuffers.Large(clientOptions.Build());
        string filter = DeviceTopic.SharedSubscription(o.SharedGroup);

        while (!stoppingToken.IsCancellationRequested)
        {
            if (!client.IsConnected)
            {
                try
                {
                    // MQTTnet 5 answers a refused login with a result, not an exception.
                    var connected = await client.ConnectAsync(built, stoppingToken);
                    if (connected.ResultCode != MqttClientConnectResultCode.Success)
                    {
                        LogLoginRefused(o.Host, o.Port, connected.ResultCode, o.Username ?? "(anonymous)");
                    }
                    else
                    {
                        var subscribed = await client.SubscribeAsync(_factory.CreateSubscribeOptionsBuilder()
                            .WithTopicFilter(f => f.WithTopic(filter).WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce))
                            .Build(), stoppingToken);
                        // A broker that refuses the filter (ACL) still answers; the hub would wait for messages forever.
                        if (subscribed.Items.FirstOrDefault(i => (int)i.ResultCode >= 0x80) is { } refused)
                        {
                            LogSubscriptionRefused(filter, refused.ResultCode, o.Username ?? "(anonymous)");
                            await client.DisconnectAsync(cancellationToken: stoppingToken);
                        }
                        else
                        {
                            LogSubscribed(o.Host, o.Port, filter);
                            _subscribed.TrySetResult();
                        }
                    }
                }
                catch (Exception e) when (!stoppingToken.IsCancellationRequested)
                {
                    LogConnectFailed(o.Host, o.Port, e.Message);
                }
            }
            try
            {
                await Task.Delay(TimeSpan.FromSeconds(1), stoppingToken);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }
        if (client.IsConnected) await client.DisconnectAsync();
    }

    private async Task AcknowledgeWhenHandledAsync(MqttApplicationMessageReceivedEventArgs e, Task handled)
    {
        try
        {
            await handled;
        }
        catch (Exception ex)
        {
            // A grain or store failure for one message must not stop the subscription.
            LogHandlingFailed(e.ApplicationMessage.Topic, ex.Message);
        }
        finally
        {
            _window.Release();
        }
        try
        {
            await e.AcknowledgeAsync(CancellationToken.None);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // The connection went away meanwhile: the broker delivers the message again on the resumed session.
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "MQTT: subscribed at {Host}:{Port} to {Filter} (QoS 1)")]
    private partial void LogSubscribed(string host, int port, string filter);

    [LoggerMessage(Level = LogLevel.Warning, Message = "MQTT: cannot connect to {Host}:{Port} ({Error}); retrying")]
    private partial void LogConnectFailed(string host, int port, string error);

    [LoggerMessage(Level = LogLevel.Error, Message = "MQTT: the broker at {Host}:{Port} refused the hub's login ({Reason}) as {Username}: check Mqtt:Username and Mqtt:Password; retrying")]
    private partial void LogLoginRefused(string host, int port, MqttClientConnectResultCode reason, string username);

    [LoggerMessage(Level = LogLevel.Error, Message = "MQTT: the broker refused the subscription to {Filter} ({Reason}): its ACL must let {Username} read facility/#; retrying")]
    private partial void LogSubscriptionRefused(string filter, MqttClientSubscribeResultCode reason, string username);

    [LoggerMessage(Level = LogLevel.Error, Message = "MQTT: message on {Topic} could not be processed: {Error}")]
    private partial void LogHandlingFailed(string topic, string error);
}
