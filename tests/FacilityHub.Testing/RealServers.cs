using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;

namespace FacilityHub.Testing;

/// <summary>
/// Real mosquitto, influxd (InfluxDB 1.x) and redis-server, started straight from the Debian
/// binaries on free 127.0.0.1 ports with all their data in a fresh temp directory. Made for xunit
/// fixtures: <c>InitializeAsync</c> awaits <see cref="StartAsync"/>, <c>DisposeAsync</c> awaits
/// <see cref="DisposeAsync"/>, which kills the servers and deletes the directory.
/// </summary>
public sealed class RealServers : IAsyncDisposable
{
    /// <summary>The InfluxDB database created at start.</summary>
    public const string DefaultInfluxDatabase = "facilityhub";

    private const string Loopback = "127.0.0.1";
    private const int PortAttempts = 3;
    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(30);

    private readonly List<ServerProcess> _processes = [];
    private readonly HttpClient _http = new(new SocketsHttpHandler { UseProxy = false }) { Timeout = TimeSpan.FromSeconds(30) };
    private readonly EventHandler _killOnExit;
    private int _disposed;
    private ServerProcess? _influxd;
    private Func<ServerProcess>? _relaunchInflux;

    private RealServers(string dataDir)
    {
        DataDir = dataDir;
        // If the test host exits without disposing the fixture, do not leave servers behind.
        _killOnExit = (_, _) => KillAll();
        AppDomain.CurrentDomain.ProcessExit += _killOnExit;
    }

    /// <summary>The temp directory holding every server's config and data.</summary>
    public string DataDir { get; }

    /// <summary>mosquitto's port on 127.0.0.1 (MQTT 3.1.1 and 5; anonymous, or per account with <see cref="StartBrokerAsync"/>).</summary>
    public int MqttPort { get; private set; }

    /// <summary>influxd's HTTP port on 127.0.0.1.</summary>
    public int InfluxPort { get; private set; }

    /// <summary>The InfluxDB 1.x HTTP API, e.g. http://127.0.0.1:40123 (no trailing slash).</summary>
    public string InfluxUrl => $"http://{Loopback}:{InfluxPort}";

    /// <summary>The database created at start.</summary>
    public string InfluxDatabase => DefaultInfluxDatabase;

    /// <summary>redis-server's port on 127.0.0.1.</summary>
    public int RedisPort { get; private set; }

    /// <summary>A StackExchange.Redis configuration string, "127.0.0.1:port".</summary>
    public string RedisConnectionString => $"{Loopback}:{RedisPort}";

    /// <summary>
    /// Starts the three servers in parallel, waits until each answers (MQTT CONNACK, HTTP 204 on
    /// /ping, PONG) and creates the InfluxDB database.
    /// </summary>
    /// <exception cref="FileNotFoundException">A server binary is missing; the message names the Debian package.</exception>
    public static async Task<RealServers> StartAsync(CancellationToken cancellationToken = default)
    {
        var mosquitto = FindBinary("mosquitto", "mosquitto");
        var influxd = FindBinary("influxd", "influxdb");
        var redisServer = FindBinary("redis-server", "redis-server");

        var servers = new RealServers(Directory.CreateTempSubdirectory("facilityhub-servers-").FullName);
        try
        {
            await Task.WhenAll(
                servers.StartMosquittoAsync(mosquitto, null, cancellationToken),
                servers.StartInfluxAsync(influxd, cancellationToken),
                servers.StartRedisAsync(redisServer, cancellationToken)).ConfigureAwait(false);
            using var create = await servers._http.PostAsync(
                new Uri($"{servers.InfluxUrl}/query"),
                new FormUrlEncodedContent([new("q", $"CREATE DATABASE \"{DefaultInfluxDatabase}\"")]),
                cancellationToken).ConfigureAwait(false);
            await ParseInfluxResponseAsync(create, "CREATE DATABASE", cancellationToken).ConfigureAwait(false);
            return servers;
        }
        catch
        {
            await servers.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>
    /// mosquitto alone, as a production broker is set up: every client logs in (<c>allow_anonymous false</c>) and may
    /// do only what <paramref name="auth"/>'s ACL allows. No influxd or redis-server (their ports stay 0).
    /// </summary>
    public static async Task<RealServers> StartBrokerAsync(MosquittoAuth auth, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(auth);
        var mosquitto = FindBinary("mosquitto", "mosquitto");
        var servers = new RealServers(Directory.CreateTempSubdirectory("facilityhub-broker-").FullName);
        try
        {
            await servers.StartMosquittoAsync(mosquitto, auth, cancellationToken).ConfigureAwait(false);
            return servers;
        }
        catch
        {
            await servers.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>
    /// Runs an InfluxQL query (GET /query?db=facilityhub&amp;q=...) and returns InfluxDB's JSON:
    /// <c>{"results":[{"statement_id":0,"series":[{"name":..,"columns":[..],"values":[[..]]}]}]}</c>.
    /// Times are RFC 3339 strings. Throws if InfluxDB reports an error.
    /// </summary>
    public async Task<JsonDocument> QueryInfluxAsync(string influxQl, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(influxQl);
        var uri = new Uri($"{InfluxUrl}/query?db={Uri.EscapeDataString(InfluxDatabase)}&q={Uri.EscapeDataString(influxQl)}");
        using var response = await _http.GetAsync(uri, cancellationToken).ConfigureAwait(false);
        return await ParseInfluxResponseAsync(response, influxQl, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Runs a query whose first value column is a number, e.g. <c>SELECT count(value) FROM telemetry</c>,
    /// and returns that number from the first row of the first series; 0 when there is no series
    /// (what InfluxDB answers for a count over nothing).
    /// </summary>
    public async Task<long> CountInfluxAsync(string influxQl, CancellationToken cancellationToken = default)
    {
        using var json = await QueryInfluxAsync(influxQl, cancellationToken).ConfigureAwait(false);
        var result = json.RootElement.GetProperty("results")[0];
        if (!result.TryGetProperty("series", out var series) || series.GetArrayLength() == 0)
        {
            return 0;
        }

        var value = series[0].GetProperty("values")[0][1];
        return value.ValueKind == JsonValueKind.Number ? (long)value.GetDouble() : 0;
    }

    /// <summary>Writes points in line protocol (POST /write?db=facilityhub&amp;precision=ns).</summary>
    public async Task WriteInfluxAsync(string lineProtocol, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(lineProtocol);
        using var response = await _http.PostAsync(
            new Uri($"{InfluxUrl}/write?db={Uri.EscapeDataString(InfluxDatabase)}&precision=ns"),
            new StringContent(lineProtocol, Encoding.UTF8, "text/plain"),
            cancellationToken).ConfigureAwait(false);
        if (response.StatusCode != HttpStatusCode.NoContent)
        {
            var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            throw new InvalidOperationException($"InfluxDB write failed with {(int)response.StatusCode}: {body}");
        }
    }

    /// <summary>Kills the servers (whole process trees) and deletes <see cref="DataDir"/>.</summary>
    /// <summary>Kills influxd (as a crash would); <see cref="RestartInfluxAsync"/> brings it back with its data.</summary>
    public async Task StopInfluxAsync()
    {
        var influxd = _influxd ?? throw new InvalidOperationException("influxd is not running");
        _influxd = null;
        lock (_processes)
        {
            _processes.Remove(influxd);
        }
        await influxd.DisposeAsync().ConfigureAwait(false);
    }

    /// <summary>Starts influxd again on the same port and data folder and waits until it answers.</summary>
    public async Task RestartInfluxAsync(CancellationToken cancellationToken = default)
    {
        if (_influxd is not null || _relaunchInflux is null) throw new InvalidOperationException("influxd was not stopped");
        var influxd = _relaunchInflux();
        lock (_processes)
        {
            _processes.Add(influxd);
        }
        await influxd.WaitReadyAsync(InfluxPort, ct => InfluxPingsAsync(InfluxPort, ct), ReadyTimeout, cancellationToken).ConfigureAwait(false);
        _influxd = influxd;
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        AppDomain.CurrentDomain.ProcessExit -= _killOnExit;
        ServerProcess[] processes;
        lock (_processes)
        {
            processes = [.. _processes];
        }

        await Task.WhenAll(processes.Select(p => p.DisposeAsync().AsTask())).ConfigureAwait(false);
        _http.Dispose();
        try
        {
            Directory.Delete(DataDir, recursive: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // A leftover temp directory is not worth failing a test run for.
        }
    }

    private static string FindBinary(string name, string debianPackage)
    {
        // mosquitto lives in /usr/sbin, which is not on every user's PATH.
        var directories = (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Concat(["/usr/local/sbin", "/usr/local/bin", "/usr/sbin", "/usr/bin", "/sbin", "/bin"]);
        return directories.Select(d => Path.Combine(d, name)).FirstOrDefault(File.Exists)
            ?? throw new FileNotFoundException(
                $"'{name}' was not found on PATH or in /usr/sbin. Install the Debian package '{debianPackage}' " +
                $"(sudo apt-get install {debianPackage}, or: bash deploy/infra.sh install).", name);
    }

    private async Task StartMosquittoAsync(string binary, MosquittoAuth? auth, CancellationToken cancellationToken)
    {
        var dir = Directory.CreateDirectory(Path.Combine(DataDir, "mosquitto")).FullName;
        var config = Path.Combine(dir, "mosquitto.conf");
        var access = auth is null
            ? "allow_anonymous true"
            : $"""
                allow_anonymous false
                password_file {auth.PasswordFile}
                acl_file {auth.AclFile}
                """;
        MqttPort = await StartOnFreePortAsync("mosquitto", port =>
        {
            // 'user': as root, mosquitto would otherwise switch to user 'mosquitto', which cannot
            // write here (nor read the password file, mode 600). Not root: ignored.
            File.WriteAllText(config, $"""
                listener {port} {Loopback}
                {access}
                persistence true
                persistence_location {dir}/
                user {Environment.UserName}
                log_dest stderr

                """);
            return ServerProcess.Start("mosquitto", binary, dir, "-c", config);
        }, (port, ct) => MqttConnectsAsync(port, refusalIsReady: auth is not null, ct), cancellationToken).ConfigureAwait(false);
    }

    private async Task StartInfluxAsync(string binary, CancellationToken cancellationToken)
    {
        var dir = Directory.CreateDirectory(Path.Combine(DataDir, "influxdb")).FullName;
        var config = Path.Combine(dir, "influxdb.conf");
        InfluxPort = await StartOnFreePortAsync("influxd", port =>
        {
            // From scratch, so nothing comes from /etc/influxdb. RPC (backup) and ifql on port 0;
            // graphite, collectd, opentsdb and udp are off by default.
            File.WriteAllText(config, $"""
                reporting-enabled = false
                bind-address = "{Loopback}:0"
                [meta]
                  dir = "{dir}/meta"
                [data]
                  dir = "{dir}/data"
                  wal-dir = "{dir}/wal"
                  query-log-enabled = false
                [monitor]
                  store-enabled = false
                [http]
                  enabled = true
                  bind-address = "{Loopback}:{port}"
                  log-enabled = false
                  unix-socket-enabled = false
                [ifql]
                  enabled = false
                  bind-address = "{Loopback}:0"
                [logging]
                  suppress-logo = true

                """);
            return _influxd = ServerProcess.Start("influxd", binary, dir, "run", "-config", config);
        }, InfluxPingsAsync, cancellationToken).ConfigureAwait(false);
        _relaunchInflux = () => ServerProcess.Start("influxd", binary, dir, "run", "-config", config);
    }

    private async Task StartRedisAsync(string binary, CancellationToken cancellationToken)
    {
        var dir = Directory.CreateDirectory(Path.Combine(DataDir, "redis")).FullName;
        RedisPort = await StartOnFreePortAsync("redis-server", port => ServerProcess.Start(
            "redis-server", binary, dir,
            "--port", port.ToString(CultureInfo.InvariantCulture), "--bind", Loopback, "--dir", dir,
            "--appendonly", "yes", "--save", "", "--daemonize", "no", "--logfile", ""),
            RedisPongsAsync, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Starts a server on a free port; when another process took the port first, tries another.</summary>
    private async Task<int> StartOnFreePortAsync(
        string name, Func<int, ServerProcess> launch, Func<int, CancellationToken, Task<bool>> probe,
        CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var port = FreePort.Next();
            var process = launch(port);
            lock (_processes)
            {
                _processes.Add(process);
            }

            try
            {
                await process.WaitReadyAsync(port, ct => probe(port, ct), ReadyTimeout, cancellationToken).ConfigureAwait(false);
                return port;
            }
            catch (ServerExitedException ex) when (ex.AddressInUse && attempt < PortAttempts)
            {
                lock (_processes)
                {
                    _processes.Remove(process);
                }

                await process.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    /// <param name="refusalIsReady">A broker that lets nobody in anonymously answers "not authorised" (3.1.1 code 5)
    /// once it is up: that answer is as good as an acceptance.</param>
    private static async Task<bool> MqttConnectsAsync(int port, bool refusalIsReady, CancellationToken cancellationToken)
    {
        using var client = new TcpClient();
        await client.ConnectAsync(IPAddress.Loopback, port, cancellationToken).ConfigureAwait(false);
        var stream = client.GetStream();
        // MQTT 3.1.1 CONNECT, clean session, keep-alive 10 s, client id "fh-ready".
        byte[] connect = [0x10, 20, 0, 4, (byte)'M', (byte)'Q', (byte)'T', (byte)'T', 4, 0x02, 0, 10, 0, 8,
            (byte)'f', (byte)'h', (byte)'-', (byte)'r', (byte)'e', (byte)'a', (byte)'d', (byte)'y'];
        await stream.WriteAsync(connect, cancellationToken).ConfigureAwait(false);
        var connack = new byte[4];
        await stream.ReadExactlyAsync(connack, cancellationToken).ConfigureAwait(false);
        var accepted = connack[0] == 0x20 && (connack[3] == 0 || (refusalIsReady && connack[3] == 5));
        await stream.WriteAsync(new byte[] { 0xE0, 0 }, cancellationToken).ConfigureAwait(false); // DISCONNECT
        return accepted;
    }

    private async Task<bool> InfluxPingsAsync(int port, CancellationToken cancellationToken)
    {
        using var response = await _http.GetAsync(new Uri($"http://{Loopback}:{port}/ping"), cancellationToken).ConfigureAwait(false);
        return response.StatusCode == HttpStatusCode.NoContent;
    }

    private static async Task<bool> RedisPongsAsync(int port, CancellationToken cancellationToken) =>
        (await RedisReplyAsync(port, ["PING"], cancellationToken).ConfigureAwait(false))?.StartsWith("+PONG", StringComparison.Ordinal) == true; // not "-LOADING ..."

    /// <summary>Runs one command on the Redis server (e.g. <c>DEL key</c>) and returns the first line of its reply
    /// (<c>:1</c>, <c>+OK</c>, <c>-ERR ...</c>).</summary>
    public async Task<string> RedisAsync(params string[] command) =>
        await RedisReplyAsync(RedisPort, command, CancellationToken.None).ConfigureAwait(false)
        ?? throw new InvalidOperationException($"redis-server on port {RedisPort} closed the connection without answering");

    private static async Task<string?> RedisReplyAsync(int port, string[] command, CancellationToken cancellationToken)
    {
        using var client = new TcpClient();
        await client.ConnectAsync(IPAddress.Loopback, port, cancellationToken).ConfigureAwait(false);
        var stream = client.GetStream();
        var request = new StringBuilder($"*{command.Length}\r\n");
        foreach (var part in command) request.Append($"${Encoding.UTF8.GetByteCount(part)}\r\n{part}\r\n");
        await stream.WriteAsync(Encoding.UTF8.GetBytes(request.ToString()), cancellationToken).ConfigureAwait(false);
        var reply = new StringBuilder();
        var buffer = new byte[256];
        while (!reply.ToString().Contains("\r\n", StringComparison.Ordinal))
        {
            var read = await stream.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
            if (read == 0)
            {
                return null;
            }

            reply.Append(Encoding.UTF8.GetString(buffer, 0, read));
        }

        return reply.ToString()[..reply.ToString().IndexOf("\r\n", StringComparison.Ordinal)];
    }

    private static async Task<JsonDocument> ParseInfluxResponseAsync(
        HttpResponseMessage response, string what, CancellationToken cancellationToken)
    {
        var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"InfluxDB answered {(int)response.StatusCode} to '{what}': {body}");
        }

        var json = JsonDocument.Parse(body);
        foreach (var result in json.RootElement.GetProperty("results").EnumerateArray())
        {
            if (result.TryGetProperty("error", out var error))
            {
                json.Dispose();
                throw new InvalidOperationException($"InfluxDB error for '{what}': {error.GetString()}");
            }
        }

        return json;
    }

    private void KillAll()
    {
        lock (_processes)
        {
            foreach (var process in _processes)
            {
                process.KillNow();
            }
        }
    }
}
