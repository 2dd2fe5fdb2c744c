using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using FacilityHub.DispatchSimulator;
using FacilityHub.FleetSimulator.Generation;
using FacilityHub.FleetSimulator.Topology;

namespace FacilityHub.Bench;

/// <summary>
/// The benchmark's phases against servers already running (deploy/bench.sh starts them): the hub (small estate) and the
/// raw forwarder side by side at increasing rates; fault → work order at half the hub's sustained rate; the hub's memory
/// with the small and then the large estate. Every figure is one line starting "bench: ".
/// </summary>
internal sealed partial class BenchRun(BenchOptions o)
{
    private const string HubDatabase = "facilityhub";
    private const string RawDatabase = "bench_raw";
    private const string RawTopicRoot = "bench-raw";

    private readonly HttpClient _http = new(new SocketsHttpHandler { UseProxy = false }) { Timeout = TimeSpan.FromSeconds(60) };
    private readonly string _signingKey = "base64:" + Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
    // Each device speaks this often while memory is measured: well inside the estate's shortest offline delay (90 s).
    private const double FeedEverySeconds = 40;

    private readonly Dictionary<string, int> _servers = [];

    private static void Print(string line) => Console.WriteLine("bench: " + line);

    private static string F(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);

    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        Print(F($"machine: {Environment.ProcessorCount} cores, load average {ProcStats.LoadAverage()} at start"));
        foreach (var name in new[] { "mosquitto", "influxd" })
        {
            _servers[name] = int.Parse(File.ReadAllText(Path.Combine(o.DataDir, "pids", name + ".pid")).Trim(), CultureInfo.InvariantCulture);
        }

        var topology = await FleetTopology.LoadAsync(o.TopologySmall, cancellationToken);
        var firstMetrics = topology.Kinds.Values.Where(k => k.Metrics.Count > 0).Select(k => k.Metrics[0].Name).ToList();
        if (firstMetrics.Distinct(StringComparer.Ordinal).Count() != firstMetrics.Count)
        {
            throw new InvalidOperationException("the kinds' first metrics must differ (they count the stored telemetry)");
        }

        var counter = new InfluxCounter(_http, o.InfluxUrl, firstMetrics);
        await counter.CreateDatabaseAsync(RawDatabase, cancellationToken);
        var generator = new FleetGenerator(topology, o.Seed);
        var pumps = generator.Devices.Where(d => d.Device.Kind.Name == "water_pump").ToList();
        var faultPumps = pumps.Take(Math.Min(o.Faults, pumps.Count / 2)).ToList();
        // Burst pipes on other pumps go first and are reported apart: the first order after a hub start pays for the cold
        // path, and the next ones for compiling it through its tiers.
        var warmUpPumps = pumps.Skip(faultPumps.Count).Take(faultPumps.Count > 0 ? o.WarmUpFaults : 0).ToList();
        var loadDevices = generator.Devices.Except(faultPumps).Except(warmUpPumps).ToList();

        await using var dispatch = await DispatchSimulatorServer.StartAsync(new DispatchSimulatorOptions { Port = 0, Output = TextWriter.Null }, cancellationToken);
        await using var forwarder = o.MemoryOnly ? null : ChildProcess.StartDotnet(o.ForwarderDll, Path.Combine(o.DataDir, "logs", "forwarder.log"), new Dictionary<string, string>(),
            o.MqttPort.ToString(CultureInfo.InvariantCulture), o.InfluxUrl, RawDatabase, RawTopicRoot, o.ForwarderBatch.ToString(CultureInfo.InvariantCulture), "100");
        if (forwarder is not null)
        {
            await forwarder.WaitForLineAsync(l => l.StartsWith("forwarder: subscribed", StringComparison.Ordinal), TimeSpan.FromSeconds(60), "the raw forwarder");
            _servers["forwarder"] = forwarder.Id;
        }

        var (hub, small) = await StartAndMeasureAsync(o.TopologySmall, dispatch.Url, "hub-small", cancellationToken);
        await using (hub)
        {
            if (!o.MemoryOnly) await RatesAndFaultsAsync(counter, loadDevices, warmUpPumps, faultPumps, dispatch, cancellationToken);
        }

        if (o.TopologyLarge is { } large)
        {
            var (bigHub, big) = await StartAndMeasureAsync(large, dispatch.Url, "hub-large", cancellationToken);
            await using (bigHub)
            {
                Print(F($"HUB START: {big.Items} items loaded and their grains active in {big.StartedIn.TotalSeconds:0.0} s"));
                var perGrain = big.Items > small.Items ? (big.Rss - small.Rss) / (double)(big.Items - small.Items) : double.NaN;
                Print(F($"HUB RSS: {small.Items} grains active {small.Rss / 1048576.0:0} MiB, {big.Items} grains active {big.Rss / 1048576.0:0} MiB -> {perGrain:0} bytes per grain (target <= 4096)"));
            }
        }
        else
        {
            Print(F($"HUB RSS: {small.Items} grains active {small.Rss / 1048576.0:0} MiB (no large estate given)"));
        }

        Print(F($"machine: load average {ProcStats.LoadAverage()} at the end"));
        return 0;
    }

    // Round figures (two significant digits) that still grow by at least the factor's share.
    private double NextRate(double rate)
    {
        var next = rate * o.Factor;
        var unit = Math.Pow(10, Math.Floor(Math.Log10(next)) - 1);
        return Math.Max(Math.Ceiling(next / unit) * unit, rate + 1);
    }

    private async Task RatesAndFaultsAsync(InfluxCounter counter, IReadOnlyList<DeviceSimulator> loadDevices, IReadOnlyList<DeviceSimulator> warmUpPumps, IReadOnlyList<DeviceSimulator> faultPumps, DispatchSimulatorServer dispatch, CancellationToken cancellationToken)
    {
        await using var load = await LoadGenerator.ConnectAsync(o.MqttPort, o.Connections, "bench-load", cancellationToken);
        if (o.LatencyRate is { } latencyRate)
        {
            await FaultsAsync(load, warmUpPumps, faultPumps, dispatch, latencyRate, "given by --latency-rate", cancellationToken);
            return;
        }

        // Raw and hub take turns at each rate, so both see the same machine at the same moment.
        double rawBest = 0, hubBest = 0;
        Dictionary<string, double>? hubCpu = null;
        bool rawDone = false, hubDone = false;
        double? rawGeneratorShortAt = null, hubGeneratorShortAt = null;
        for (var rate = o.StartRate; rate <= o.MaxRate && !(rawDone && hubDone); rate = NextRate(rate))
        {
            if (!rawDone)
            {
                var (kept, generatorShort, _) = await StepAsync("raw", load, loadDevices, RawTopicRoot, RawDatabase, rate, counter, cancellationToken);
                if (kept) rawBest = rate;
                else rawDone = true;
                if (generatorShort) rawGeneratorShortAt = rate;
            }

            if (!hubDone)
            {
                var (kept, generatorShort, cpu) = await StepAsync("hub", load, loadDevices, "facility", HubDatabase, rate, counter, cancellationToken);
                if (kept)
                {
                    hubBest = rate;
                    hubCpu = cpu;
                }
                else
                {
                    hubDone = true;
                }

                if (generatorShort) hubGeneratorShortAt = rate;
            }
        }

        // A side that stored everything while the generator could not keep its rate stopped at the machine's limit:
        // its figure is a lower bound, said so rather than read as the side falling behind.
        static string Bound(double? shortAt) => shortAt is { } r ? F($"; at {r:0} msg/s the load generator fell short and every message was still stored: at least this") : "";
        Print(F($"RAW CEILING: {rawBest:0} msg/s (mosquitto -> influxd through the batching forwarder, batches of {o.ForwarderBatch}){(rawDone ? Bound(rawGeneratorShortAt) : F($"; still keeping up at --max-rate {o.MaxRate:0}"))}"));
        Print(F($"SUSTAINED INGEST: {hubBest:0} msg/s = {(rawBest > 0 ? 100 * hubBest / rawBest : 0):0} % of the raw ceiling (target >= 60 %), rules on for every message{Bound(hubGeneratorShortAt)}"));
        if (hubCpu is not null)
        {
            Print(F($"CPU at {hubBest:0} msg/s (hub step), % of one core: hub {hubCpu["hub"]:0}, mosquitto {hubCpu["mosquitto"]:0}, influxd {hubCpu["influxd"]:0}, load generator {hubCpu["generator"]:0}; machine {Environment.ProcessorCount * 100} %"));
        }
        else
        {
            Print(F($"CPU: no figure, the hub kept up at no rate tried (from {o.StartRate:0} msg/s)"));
        }

        await QuietAsync(counter, cancellationToken);
        var half = Math.Max(hubBest, o.StartRate) / 2;
        await FaultsAsync(load, warmUpPumps, faultPumps, dispatch, half, "half the sustained rate", cancellationToken);
    }

    /// <summary>
    /// Starts the hub on <paramref name="topologyFile"/> and measures its memory in the estate's normal state: from the
    /// moment it subscribes, every device sends its next message (heartbeat, reading) in rounds paced so that each
    /// device speaks every <see cref="FeedEverySeconds"/> s, well inside the shortest offline delay (90 s), as a real
    /// estate does; RSS is read once it has settled after the first full round, while the rounds go on. Prints what was
    /// measured: items, equipment grains active, messages fed, alarms raised (offline among them; 0 in a normal state).
    /// </summary>
    private async Task<(ChildProcess Hub, MemoryFigure Memory)> StartAndMeasureAsync(string topologyFile, Uri dispatchUrl, string name, CancellationToken cancellationToken)
    {
        var devices = new FleetGenerator(await FleetTopology.LoadAsync(topologyFile, cancellationToken), o.Seed).Devices;
        var clock = Stopwatch.StartNew();
        var hub = StartHub(topologyFile, dispatchUrl, name);
        try
        {
            await hub.WaitForLineAsync(l => l.Contains("MQTT: subscribed", StringComparison.Ordinal), TimeSpan.FromMinutes(3), $"{name} subscribing");
            await using var feed = await LoadGenerator.ConnectAsync(o.MqttPort, Math.Min(o.Connections, 8), name + "-feed", cancellationToken);
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var rate = Math.Max(devices.Count / FeedEverySeconds, 50);
            var firstRound = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            long sent = 0;
            var feeding = Task.Run(async () =>
            {
                try
                {
                    while (!stop.IsCancellationRequested)
                    {
                        // The first round twice as fast: it has twice the messages (alarm panels send their battery
                        // level with the first heartbeat) and the grains the hub activates at start are already waiting.
                        var round = await feed.RoundAsync(devices, firstRound.Task.IsCompleted ? rate : 2 * rate, stop.Token);
                        Interlocked.Add(ref sent, round.Sent);
                        firstRound.TrySetResult();
                    }
                }
                catch (OperationCanceledException)
                {
                }
                catch (Exception ex) when (ex is not OutOfMemoryException)
                {
                    firstRound.TrySetException(ex);
                }
            }, CancellationToken.None);

            var watching = await hub.WaitForLineAsync(l => WatchingLine().IsMatch(l), TimeSpan.FromMinutes(5), $"{name} activating its items");
            var startedIn = clock.Elapsed;
            _servers["hub"] = hub.Id;
            var items = int.Parse(WatchingLine().Match(watching).Groups[1].Value, CultureInfo.InvariantCulture);
            await firstRound.Task.WaitAsync(TimeSpan.FromMinutes(5), cancellationToken);
            var rss = await SettledRssAsync(hub.Id, cancellationToken);
            await stop.CancelAsync();
            await feeding;
            var raised = hub.Count(l => AlarmRaisedLine().IsMatch(l));
            var offline = hub.Count(l => AlarmRaisedLine().Match(l) is { Success: true } m && m.Groups[1].Value == "offline");
            Print(F($"MEMORY {name}: {devices.Count} items, {items} equipment grains active, every device fed a message every {FeedEverySeconds:0} s ({Interlocked.Read(ref sent)} messages at {rate:0}/s from the hub's subscription), {raised} alarms raised ({offline} offline) by the time RSS settled at {rss / 1048576.0:0} MiB; load {ProcStats.LoadAverage()}"));
            return (hub, new MemoryFigure(items, rss, startedIn));
        }
        catch
        {
            await hub.DisposeAsync();
            throw;
        }
    }

    private ChildProcess StartHub(string topologyFile, Uri dispatchUrl, string name) =>
        ChildProcess.StartDotnet(o.HubDll, Path.Combine(o.DataDir, "logs", name + ".log"), HubEnv(),
            $"--Hub:TopologyFile={topologyFile}",
            F($"--Mqtt:Port={o.MqttPort}"),
            "--Mqtt:ClientId=bench-hub",
            $"--Influx:Url={o.InfluxUrl}",
            $"--Influx:SpoolDirectory={Path.Combine(o.DataDir, "influx-spool")}",
            $"--Redis:ConnectionString={o.Redis}",
            $"--Dispatch:Url={dispatchUrl}",
            F($"--Orleans:SiloPort={FreePort()}"),
            F($"--Orleans:GatewayPort={FreePort()}"),
            F($"--Kestrel:Endpoints:Grpc:Url=http://127.0.0.1:{FreePort()}"));

    private Dictionary<string, string> HubEnv()
    {
        var env = new Dictionary<string, string> { ["Auth__SigningKey"] = _signingKey };
        foreach (System.Collections.DictionaryEntry e in Environment.GetEnvironmentVariables())
        {
            if (e.Key is string k && k.StartsWith("FHHUB_", StringComparison.Ordinal)) env[k["FHHUB_".Length..]] = (string)e.Value!;
        }
        return env;
    }

    private async Task<(bool Kept, bool GeneratorShort, Dictionary<string, double> Cpu)> StepAsync(
        string side, LoadGenerator load, IReadOnlyList<DeviceSimulator> devices, string topicRoot, string database, double rate, InfluxCounter counter, CancellationToken cancellationToken)
    {
        var before = CpuNow();
        var step = await load.RunAsync(devices, topicRoot, rate, o.Step, cancellationToken);
        var cpu = CpuNow().ToDictionary(kv => kv.Key, kv => 100 * (kv.Value - before[kv.Key]) / step.Elapsed.TotalSeconds);
        var end = Stopwatch.StartNew();
        long stored;
        TimeSpan drained;
        while (true)
        {
            stored = await counter.CountAsync(database, step.From, step.To, cancellationToken);
            drained = end.Elapsed;
            if (stored >= step.Sent || drained > o.Grace) break;
            await Task.Delay(100, cancellationToken);
        }

        var storedAll = stored == step.Sent && step.Failed == 0 && drained <= o.Grace;
        // Every message stored in time, but the generator could not send at the rate: the machine's limit, not the side's.
        var generatorShort = step.AchievedRate < 0.95 * rate;
        var kept = storedAll && !generatorShort;
        var verdict = kept ? "kept up" : storedAll ? F($"the load generator fell short ({step.AchievedRate:0}/s; every message stored)") : "fell behind";
        Print(F($"step {side} {rate:0} msg/s: sent {step.Sent} ({step.AchievedRate:0}/s), broker refused {step.Failed}, stored {stored} within {drained.TotalSeconds:0.0} s of the last; cpu % hub {cpu["hub"]:0} mosquitto {cpu["mosquitto"]:0} influxd {cpu["influxd"]:0} forwarder {cpu["forwarder"]:0} generator {cpu["generator"]:0}; load {ProcStats.LoadAverage()} -> {verdict}"));
        if (!kept) await QuietAsync(counter, cancellationToken);
        return (kept, storedAll && generatorShort, cpu);
    }

    private Dictionary<string, double> CpuNow()
    {
        var cpu = _servers.ToDictionary(kv => kv.Key, kv => ProcStats.CpuSeconds(kv.Value));
        cpu["generator"] = Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds;
        return cpu;
    }

    /// <summary>Waits (at most a minute) until a backlog left by a step that fell behind has drained: no new points for 2 s.</summary>
    private async Task QuietAsync(InfluxCounter counter, CancellationToken cancellationToken)
    {
        var since = DateTimeOffset.UtcNow.AddMinutes(-30);
        long last = -1;
        var still = Stopwatch.StartNew();
        var limit = Stopwatch.StartNew();
        while (still.Elapsed < TimeSpan.FromSeconds(2) && limit.Elapsed < TimeSpan.FromMinutes(1))
        {
            var now = await counter.CountAsync(HubDatabase, since, DateTimeOffset.UtcNow.AddMinutes(10), cancellationToken)
                + await counter.CountAsync(RawDatabase, since, DateTimeOffset.UtcNow.AddMinutes(10), cancellationToken);
            if (now != last) still.Restart();
            last = now;
            await Task.Delay(250, cancellationToken);
        }
    }

    private async Task FaultsAsync(LoadGenerator load, IReadOnlyList<DeviceSimulator> warmUp, IReadOnlyList<DeviceSimulator> pumps, DispatchSimulatorServer dispatch, double rate, string rateIs, CancellationToken cancellationToken)
    {
        if (pumps.Count == 0)
        {
            Print("FAULT TO WORK ORDER: the estate has no pumps to burst");
            return;
        }

        var gap = TimeSpan.FromMilliseconds(250);
        // 15 s (--warm-up-seconds) of load before the first counted fault: a hub started just now (--latency-rate) is
        // still compiling its hot paths and activating grains; its first seconds fell behind the load and made p99 a cold
        // start figure. The warm-up's burst pipes, spread over those 15 s, take the fault path (alarm, work order, its reminder, the
        // call to dispatch) through its tiers of compilation: a method is compiled again after 30 calls, twice, and in
        // a fresh hub that compiling (~5 s of a core) fell on the first ~70 counted faults (NOTES.md, section (11)).
        var warmUpFor = warmUp.Count > 0 ? o.WarmUp : TimeSpan.Zero;
        var warmUpGap = warmUp.Count > 0 ? warmUpFor / warmUp.Count : TimeSpan.Zero;
        using var background = new CancellationTokenSource();
        // Like every pump of a fleet, these were talking before they failed: one normal reading each, before the load.
        foreach (var pump in warmUp.Concat(pumps)) await load.PublishNowAsync(pump.Next(DateTimeOffset.UtcNow)[0], cancellationToken);
        // The load from a process of its own (LoadProcess): this one keeps only the faulting pumps and the dispatch simulator.
        await using var loadProcess = await LoadProcess.StartAsync(o, warmUp.Concat(pumps), rate, (gap * (pumps.Count + 2)) + warmUpFor + TimeSpan.FromSeconds(2));
        var loadTask = loadProcess.DoneAsync();
        await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
        var sentAt = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
        foreach (var (pump, i) in warmUp.Concat(pumps).Select((p, i) => (p, i)))
        {
            await Task.Delay(i < warmUp.Count ? warmUpGap : gap, cancellationToken);
            var normal = (TelemetryMessage)pump.Next(DateTimeOffset.UtcNow)[0];
            var burst = normal with
            {
                Values = [.. normal.Values.Select(v => v.Key switch
                {
                    "outlet_pressure_bar" => new KeyValuePair<string, double>(v.Key, 0.2),
                    "running" => new KeyValuePair<string, double>(v.Key, 1),
                    _ => v,
                })],
            };
            sentAt[pump.Device.EquipmentId] = DateTimeOffset.UtcNow;
            await load.PublishNowAsync(burst, cancellationToken);
        }

        var step = await loadTask;
        var deadline = Stopwatch.StartNew();
        Dictionary<string, DateTimeOffset> received;
        do
        {
            received = dispatch.Orders.Where(r => sentAt.ContainsKey(r.Order.EquipmentId))
                .GroupBy(r => r.Order.EquipmentId).ToDictionary(g => g.Key, g => g.Min(r => r.ReceivedAt.ToDateTimeOffset()), StringComparer.Ordinal);
            if (received.Count == sentAt.Count) break;
            await Task.Delay(100, cancellationToken);
        }
        while (deadline.Elapsed < TimeSpan.FromSeconds(30));

        // The warm-up's orders, taken out of the counted ones: NaN for a pump whose order did not come.
        var warmUpLatencies = warmUp.Select(pump =>
        {
            sentAt.Remove(pump.Device.EquipmentId, out var sent);
            return received.Remove(pump.Device.EquipmentId, out var at) ? (at - sent).TotalMilliseconds : double.NaN;
        }).ToList();
        if (warmUpLatencies.Count > 0)
        {
            Print(double.IsNaN(warmUpLatencies[0])
                ? "FIRST FAULT AFTER THE HUB START: no order within 30 s"
                : F($"FIRST FAULT AFTER THE HUB START (not in the figures below): {warmUpLatencies[0]:0.0} ms"));
        }
        if (warmUpLatencies.Count > 1)
        {
            var rest = warmUpLatencies.Skip(1).Where(l => !double.IsNaN(l)).Order().ToList();
            Print(F($"WARM-UP FAULTS (not in the figures below; the fault path's code is compiled meanwhile): n={rest.Count} of {warmUpLatencies.Count - 1}, p50 {Percentiles.Of(rest, 0.5):0.0} ms, p99 {Percentiles.Of(rest, 0.99):0.0} ms, max {(rest.Count > 0 ? rest[^1] : double.NaN):0.0} ms"));
        }

        var latencies = received.Select(r => (r.Value - sentAt[r.Key]).TotalMilliseconds).Order().ToList();
        Print(F($"FAULT TO WORK ORDER at {step.AchievedRate:0} msg/s ({rateIs}; the load generator at nice {LoadProcess.Niceness}): n={latencies.Count} of {sentAt.Count} burst pipes, p50 {Percentiles.Of(latencies, 0.5):0.0} ms, p90 {Percentiles.Of(latencies, 0.9):0.0} ms, p99 {Percentiles.Of(latencies, 0.99):0.0} ms, max {(latencies.Count > 0 ? latencies[^1] : double.NaN):0.0} ms (target p99 <= 20 ms); load {ProcStats.LoadAverage()}"));
        // Which faults were slowest and when they were sent: slow ones close together in time share a cause.
        var order = pumps.Select((p, i) => (p.Device.EquipmentId, i)).ToDictionary(x => x.EquipmentId, x => x.i, StringComparer.Ordinal);
        var slowest = received.Select(r => (Id: r.Key, Ms: (r.Value - sentAt[r.Key]).TotalMilliseconds)).OrderByDescending(x => x.Ms).Take(8);
        Print("FAULT TO WORK ORDER slowest: " + string.Join(", ", slowest.Select(x => F($"fault #{order[x.Id] + 1} {x.Ms:0.0} ms at {sentAt[x.Id]:HH:mm:ss.fff}"))));
    }

    /// <summary>RSS once it has settled (the hub allocates while it activates grains): within 2 % for 3 s, at most 60 s.</summary>
    private static async Task<long> SettledRssAsync(int pid, CancellationToken cancellationToken)
    {
        var samples = new List<long>();
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromSeconds(60))
        {
            samples.Add(ProcStats.RssBytes(pid));
            if (samples.Count >= 7)
            {
                var recent = samples[^7..];
                if (recent.Max() - recent.Min() <= recent.Max() * 0.02) break;
            }

            await Task.Delay(500, cancellationToken);
        }

        return samples[^1];
    }

    private static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    [GeneratedRegex(@"Watching (\d+) items")]
    private static partial Regex WatchingLine();

    // AlarmGrain's "ALARM {item}/{rule}/{n} raised, ..." line.
    [GeneratedRegex(@"ALARM [^/\s]+/([^/\s]+)/\d+ raised")]
    private static partial Regex AlarmRaisedLine();

    private sealed record MemoryFigure(int Items, long Rss, TimeSpan StartedIn);
}
