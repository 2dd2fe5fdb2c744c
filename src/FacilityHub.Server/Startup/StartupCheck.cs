using System.Net.Sockets;
using FacilityHub.Domain.Topology;
using FacilityHub.Ingestion.Influx;
using FacilityHub.Ingestion.Mqtt;
using MQTTnet;
using StackExchange.Redis;

namespace FacilityHub.Server.Startup;

/// <summary>Before the silo starts: the topology loads and Redis, InfluxDB and the broker answer. Each problem
/// becomes one line naming the setting and the address, instead of a stack trace from deep inside a library.</summary>
public static class StartupCheck
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(3);

    public static async Task<(Estate? Estate, IReadOnlyList<string> Problems)> RunAsync(HubOptions hub, MqttOptions mqtt, InfluxOptions influx, CancellationToken cancellationToken)
    {
        var problems = new List<string>();
        Estate? estate = null;
        try
        {
            estate = TopologyLoader.LoadFile(hub.TopologyFile);
        }
        catch (TopologyException e)
        {
            problems.Add($"Hub:TopologyFile ({hub.TopologyFile}): {e.Message}");
        }
        if (!Uri.TryCreate(hub.DispatchUrl, UriKind.Absolute, out var dispatch) || dispatch.Scheme is not ("http" or "https"))
        {
            problems.Add($"Dispatch:Url: '{hub.DispatchUrl}' is not an http(s) address");
        }

        await Task.WhenAll(
            Check(problems, $"Redis:ConnectionString: cannot reach Redis at {hub.RedisConnectionString}", () => PingRedisAsync(hub.RedisConnectionString)),
            Check(problems, $"Influx:Url: cannot reach InfluxDB at {influx.Url}", () => PingInfluxAsync(influx.Url, cancellationToken)),
            CheckMqttAsync(problems, mqtt, cancellationToken));
        return (estate, problems);
    }

    /// <summary>The broker answers, and lets the hub in with its Mqtt:Username and Mqtt:Password.</summary>
    private static async Task CheckMqttAsync(List<string> problems, MqttOptions mqtt, CancellationToken cancellationToken)
    {
        var reached = new List<string>();
        await Check(reached, $"Mqtt:Host/Mqtt:Port: cannot reach the MQTT broker at {mqtt.Host}:{mqtt.Port}", () => ConnectTcpAsync(mqtt.Host, mqtt.Port, cancellationToken));
        if (reached.Count == 0)
        {
            var answer = MqttClientConnectResultCode.Success;
            await Check(reached, $"Mqtt:Host/Mqtt:Port: no MQTT answer from {mqtt.Host}:{mqtt.Port}", async () => answer = await LogInAsync(mqtt, cancellationToken));
            if (answer != MqttClientConnectResultCode.Success)
            {
                reached.Add($"Mqtt:Username/Mqtt:Password: the MQTT broker at {mqtt.Host}:{mqtt.Port} refused the hub's login as {mqtt.Username ?? "(anonymous)"} ({answer})");
            }
        }
        lock (problems) problems.AddRange(reached);
    }

    private static async Task Check(List<string> problems, string what, Func<Task> probe)
    {
        try
        {
            await probe();
        }
        catch (Exception e)
        {
            string reason = (e.InnerException ?? e).Message.Split('\n')[0].Trim();
            lock (problems) problems.Add($"{what} ({reason})");
        }
    }

    private static async Task PingRedisAsync(string connectionString)
    {
        if (string.IsNullOrWhiteSpace(connectionString)) throw new InvalidOperationException("not set");
        var options = ConfigurationOptions.Parse(connectionString);
        options.ConnectTimeout = (int)Timeout.TotalMilliseconds;
        options.AbortOnConnectFail = true;
        options.ConnectRetry = 1;
        await using var redis = await ConnectionMultiplexer.ConnectAsync(options);
        await redis.GetDatabase().PingAsync();
    }

    private static async Task PingInfluxAsync(string url, CancellationToken cancellationToken)
    {
        using var http = new HttpClient(new SocketsHttpHandler { UseProxy = false }) { Timeout = Timeout };
        using var response = await http.GetAsync($"{url.TrimEnd('/')}/ping", cancellationToken);
        if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"/ping answered {(int)response.StatusCode}");
    }

    private static async Task ConnectTcpAsync(string host, int port, CancellationToken cancellationToken)
    {
        using var tcp = new TcpClient();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(Timeout);
        try
        {
            await tcp.ConnectAsync(host, port, timeout.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException("no answer within 3 s");
        }
    }

    /// <summary>A CONNECT with the hub's credentials under a client id of its own (clean start), so the hub's
    /// persistent session is left alone; disconnects at once.</summary>
    private static async Task<MqttClientConnectResultCode> LogInAsync(MqttOptions mqtt, CancellationToken cancellationToken)
    {
        using var client = new MqttClientFactory().CreateMqttClient();
        var options = new MqttClientOptionsBuilder()
            .WithTcpServer(mqtt.Host, mqtt.Port)
            .WithClientId($"{mqtt.ClientId}-startup-check")
            .WithCleanStart(true)
            .WithTimeout(Timeout)
            .WithProtocolVersion(MQTTnet.Formatter.MqttProtocolVersion.V500);
        if (mqtt.Username is not null) options = options.WithCredentials(mqtt.Username, mqtt.Password);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(Timeout);
        // MQTTnet 5 answers a refused login with a result code, not an exception.
        var result = await client.ConnectAsync(options.Build(), timeout.Token);
        if (result.ResultCode == MqttClientConnectResultCode.Success) await client.DisconnectAsync(cancellationToken: cancellationToken);
        return result.ResultCode;
    }
}
