using System.CommandLine;
using FacilityHub.Bench;

// The end-to-end benchmark; deploy/bench.sh starts the servers and runs this. Exit codes: 0 done, 1 a phase failed, 2 bad arguments.
Option<T> Opt<T>(string name, string description, T? fallback = default, bool required = false) =>
    required ? new Option<T>(name) { Description = description, Required = true } : new Option<T>(name) { Description = description, DefaultValueFactory = _ => fallback! };

var data = Opt<string>("--data", "The run's data folder (infra.sh's: pids/, logs/)", required: true);
var mqttPort = Opt<int>("--mqtt-port", "mosquitto's port", required: true);
var influx = Opt<string>("--influx-url", "influxd's URL", required: true);
var redis = Opt<string>("--redis", "Redis host:port", required: true);
var small = Opt<string>("--topology", "The estate for the rate and latency phases (and the first memory figure)", required: true);
var large = Opt<string?>("--topology-large", "A larger estate for the second memory figure");
var hubDll = Opt<string>("--hub-dll", "FacilityHub.Server.dll", required: true);
var forwarderDll = Opt<string>("--forwarder-dll", "FacilityHub.RawForwarder.dll", required: true);
var startRate = Opt("--start-rate", "First rate tried (messages/s)", 4000.0);
var factor = Opt("--factor", "Each next rate is this many times the last", 1.3);
var maxRate = Opt("--max-rate", "Highest rate tried", 200_000.0);
var step = Opt("--step-seconds", "How long each rate is held", 8.0);
var grace = Opt("--grace-seconds", "How long after a step every message must be in InfluxDB", 3.0);
var faults = Opt("--faults", "Burst pipes injected for the fault -> work order figure (fewer than half the estate's pumps)", 140);
var warmUpSeconds = Opt("--warm-up-seconds", "Load before the first counted fault, the warm-up's burst pipes spread over it", 15.0);
var warmUpFaults = Opt("--warm-up-faults", "Burst pipes before those, on other pumps, while the fault path's code is compiled; reported apart", 100);
var connections = Opt("--connections", "MQTT connections of the load generator", 16);
var latencyRate = Opt<double?>("--latency-rate", "Only the fault -> work order phase, under this background rate (msg/s): no rate steps, no memory phase");
var memoryOnly = Opt("--memory-only", "Only the memory figures: no rate steps, no faults", false);

var root = new RootCommand("FacilityHub end-to-end benchmark (run through deploy/bench.sh)");
foreach (var option in new Option[] { data, mqttPort, influx, redis, small, large, hubDll, forwarderDll, startRate, factor, maxRate, step, grace, faults, warmUpFaults, warmUpSeconds, connections, latencyRate, memoryOnly })
{
    root.Options.Add(option);
}
root.Subcommands.Add(StateBytesCommand.Create());

root.SetAction(async (parse, cancellationToken) =>
{
    var options = new BenchOptions
    {
        DataDir = parse.GetValue(data)!,
        MqttPort = parse.GetValue(mqttPort),
        InfluxUrl = parse.GetValue(influx)!.TrimEnd('/'),
        Redis = parse.GetValue(redis)!,
        TopologySmall = Path.GetFullPath(parse.GetValue(small)!),
        TopologyLarge = parse.GetValue(large) is { } l ? Path.GetFullPath(l) : null,
        HubDll = parse.GetValue(hubDll)!,
        ForwarderDll = parse.GetValue(forwarderDll)!,
        StartRate = parse.GetValue(startRate),
        Factor = parse.GetValue(factor),
        MaxRate = parse.GetValue(maxRate),
        Step = TimeSpan.FromSeconds(parse.GetValue(step)),
        Grace = TimeSpan.FromSeconds(parse.GetValue(grace)),
        Faults = parse.GetValue(faults),
        WarmUpFaults = parse.GetValue(warmUpFaults),
        WarmUp = TimeSpan.FromSeconds(parse.GetValue(warmUpSeconds)),
        Connections = parse.GetValue(connections),
        LatencyRate = parse.GetValue(latencyRate),
        MemoryOnly = parse.GetValue(memoryOnly),
    };
    if (options.StartRate <= 0 || options.LatencyRate <= 0 || options.Factor <= 1 || options.Step <= TimeSpan.Zero || options.Connections < 1 || options.WarmUpFaults < 0 || options.WarmUp < TimeSpan.Zero)
    {
        Console.Error.WriteLine("bench: --start-rate > 0, --factor > 1, --step-seconds > 0, --connections >= 1, --warm-up-faults >= 0, --warm-up-seconds >= 0 and --latency-rate > 0, please");
        return 2;
    }

    try
    {
        return await new BenchRun(options).RunAsync(cancellationToken);
    }
    catch (Exception ex) when (ex is TimeoutException or InvalidOperationException or IOException or HttpRequestException)
    {
        Console.Error.WriteLine($"bench: failed: {ex.Message} (logs in {options.DataDir}/logs)");
        return 1;
    }
});

// The load generator's own process, for the fault -> work order phase (LoadProcess).
var skip = new Option<string[]>("--skip") { Description = "An equipment id to leave out (repeat)", DefaultValueFactory = _ => [] };
var seed = Opt("--seed", "The fleet's seed", 7);
var rateOption = Opt<double>("--rate", "Messages per second", required: true);
var seconds = Opt<double>("--seconds", "How long", required: true);
var loadCommand = new Command("load", "Publish the estate's messages at a rate (the benchmark starts this itself)");
foreach (var option in new Option[] { mqttPort, small, seed, skip, rateOption, seconds, connections })
{
    loadCommand.Options.Add(option);
}

loadCommand.SetAction((parse, cancellationToken) => LoadProcess.RunAsync(
    parse.GetValue(mqttPort), Path.GetFullPath(parse.GetValue(small)!), parse.GetValue(seed), parse.GetValue(skip)!,
    parse.GetValue(rateOption), TimeSpan.FromSeconds(parse.GetValue(seconds)), parse.GetValue(connections), cancellationToken));
root.Subcommands.Add(loadCommand);

return await root.Parse(args).InvokeAsync(new InvocationConfiguration { ProcessTerminationTimeout = TimeSpan.FromSeconds(20) });
