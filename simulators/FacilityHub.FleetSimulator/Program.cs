using System.CommandLine;
using System.Globalization;
using FacilityHub.Auth;
using FacilityHub.FleetSimulator.Drills;
using FacilityHub.FleetSimulator.Generation;
using FacilityHub.FleetSimulator.Publishing;
using FacilityHub.FleetSimulator.Topology;

// Fleet of fake devices publishing telemetry and events for every device of the topology over MQTT.
// Exit codes: 0 done (duration over or Ctrl-C), 1 broker (or, scoring, the hub) unreachable or refusing the login,
// 2 bad arguments, topology, scenario or credentials file, 3 a scored drill missed its expectations.

const int BadArguments = 2;
const int BrokerUnreachable = 1;
const int DrillFailed = 3;

var hostOption = new Option<string>("--mqtt-host") { Description = "MQTT broker host", DefaultValueFactory = _ => "127.0.0.1" };
var portOption = new Option<int>("--mqtt-port") { Description = "MQTT broker port", DefaultValueFactory = _ => 18830 };
var topologyOption = new Option<string>("--topology")
{
    Description = "Topology file; a relative path not found here is also looked for in the parent folders",
    DefaultValueFactory = _ => "deploy/topology.json",
};
var intervalOption = new Option<double>("--interval") { Description = "Seconds between two readings of each device", DefaultValueFactory = _ => 2.0 };
var seedOption = new Option<int?>("--seed") { Description = "Random seed: the same seed gives the same values every run (default: a random one, printed)" };
var durationOption = new Option<double?>("--duration") { Description = "Stop after this many seconds (default: run until Ctrl-C)" };
var injectOption = new Option<string[]>("--inject")
{
    Description = $"Inject a fault, repeatable: {FaultInjection.Format}. Faults: {string.Join(", ", FaultCatalog.All.Select(f => f.Name))}",
    DefaultValueFactory = _ => [],
};
var clearAfterOption = new Option<double?>("--clear-after") { Description = "Each injected fault ends this many seconds after it started" };
var credentialsOption = new Option<string?>("--credentials")
{
    Description = "The devices' broker accounts (the credentials file of 'fhub mqtt credentials'): each device connects as itself, "
        + "one connection per device, as a real fleet does. Without it: one anonymous connection for the whole fleet",
};

var scenarioOption = new Option<string?>("--scenario") { Description = "Scenario file (simulators/README.md): seed, interval, duration, a timeline of faults and what the hub should do" };
var scoreOption = new Option<bool>("--score") { Description = "With --scenario: afterwards read the hub's alarms and work orders and print a score card; exit code 3 when expectations are not met" };
var hubOption = new Option<string?>("--hub") { Description = "The hub's gRPC address for --score, e.g. http://127.0.0.1:5080" };
var hubKeyFileOption = new Option<string?>("--hub-key-file")
{
    Description = "File with the hub's signing key (Auth:SigningKey), to mint an operator token for --score; else FHUB_SIGNING_KEY, or a ready token in FHUB_TOKEN",
};

var rootCommand = new RootCommand("FacilityHub fleet simulator: publishes realistic telemetry and events for every device in the topology over MQTT (QoS 1).");
rootCommand.Subcommands.Add(FacilityHub.FleetSimulator.Sizing.TopologyCommand.Create(FindFile));
foreach (var option in new Option[] { hostOption, portOption, topologyOption, intervalOption, seedOption, durationOption, injectOption, clearAfterOption, credentialsOption, scenarioOption, scoreOption, hubOption, hubKeyFileOption })
{
    rootCommand.Options.Add(option);
}

rootCommand.SetAction(async (parseResult, cancellationToken) =>
{
    static void Log(string line) => Console.WriteLine("[fleet] " + line);
    static int Fail(int code, string line)
    {
        Console.Error.WriteLine("[fleet] " + line);
        return code;
    }

    var host = parseResult.GetValue(hostOption)!;
    var port = parseResult.GetValue(portOption);
    var interval = parseResult.GetValue(intervalOption);
    var duration = parseResult.GetValue(durationOption);
    var clearAfter = parseResult.GetValue(clearAfterOption);
    if (port is < 1 or > 65535)
    {
        return Fail(BadArguments, $"--mqtt-port must be between 1 and 65535, not {port}");
    }

    if (!double.IsFinite(interval) || interval < 0.01 || interval > 86_400)
    {
        return Fail(BadArguments, "--interval must be between 0.01 and 86400 seconds");
    }

    if (duration is { } d && (!double.IsFinite(d) || d <= 0 || d > TimeSpan.MaxValue.TotalSeconds / 2))
    {
        return Fail(BadArguments, "--duration must be a positive number of seconds");
    }

    if (clearAfter is { } c && (!double.IsFinite(c) || c <= 0 || c > TimeSpan.MaxValue.TotalSeconds / 2))
    {
        return Fail(BadArguments, "--clear-after must be a positive number of seconds");
    }

    var score = parseResult.GetValue(scoreOption);
    var scenarioPath = parseResult.GetValue(scenarioOption);
    if (scenarioPath is not null && parseResult.GetValue(injectOption)!.Length > 0)
    {
        return Fail(BadArguments, "--inject and --scenario do not mix: put the faults in the scenario's timeline");
    }

    if (score && (scenarioPath is null || parseResult.GetValue(hubOption) is null))
    {
        return Fail(BadArguments, "--score needs --scenario FILE and --hub URL");
    }

    var topologyPath = FindFile(parseResult.GetValue(topologyOption)!);
    FleetTopology topology;
    FaultPlan plan;
    Scenario? scenario = null;
    try
    {
        topology = await FleetTopology.LoadAsync(topologyPath, cancellationToken);
        if (scenarioPath is not null)
        {
            scenario = await ScenarioFile.LoadAsync(FindFile(scenarioPath), cancellationToken);
            plan = ScenarioFile.Plan(scenario, topology);
        }
        else
        {
            var injections = parseResult.GetValue(injectOption)!.Select(FaultInjection.Parse).ToList();
            plan = FaultPlan.Create(topology, injections, clearAfter is { } ca ? TimeSpan.FromSeconds(ca) : null);
        }
    }
    catch (Exception ex) when (ex is TopologyException or FormatException or ArgumentException)
    {
        return Fail(BadArguments, ex.Message);
    }

    // A scenario brings its own seed, interval and length; the command line still wins where it says so.
    if (scenario is not null)
    {
        interval = parseResult.GetResult(intervalOption) is null or { Implicit: true } && scenario.IntervalS is { } si ? si : interval;
        duration ??= scenario.DurationS;
    }

    string? hubToken = null;
    if (score)
    {
        var keyText = parseResult.GetValue(hubKeyFileOption) is { } keyFile
            ? (File.Exists(keyFile) ? await File.ReadAllTextAsync(keyFile, cancellationToken) : null)
            : Environment.GetEnvironmentVariable("FHUB_SIGNING_KEY");
        hubToken = Environment.GetEnvironmentVariable("FHUB_TOKEN") is { Length: > 0 } ready && keyText is null ? ready : null;
        if (hubToken is null)
        {
            if (SigningKey.TryParse(keyText, out var problem) is not { } key)
            {
                return Fail(BadArguments, $"--score needs the hub's signing key (--hub-key-file or FHUB_SIGNING_KEY) or FHUB_TOKEN: the key {problem}");
            }

            hubToken = HubTokens.Mint(key, HubRoles.Operator, "fleet-drill", TimeSpan.FromHours(12), TimeProvider.System);
        }
    }

    if (topology.Devices.Count == 0)
    {
        return Fail(BadArguments, $"{topologyPath} has no equipment: nothing to simulate");
    }

    var seed = parseResult.GetValue(seedOption) ?? scenario?.Seed ?? Random.Shared.Next();
    var generator = new FleetGenerator(topology, seed);
    var clientId = $"facilityhub-fleet-sim-{Environment.ProcessId}-{Guid.NewGuid().ToString("N")[..6]}";
    IFleetPublisher publisher;
    string identity;
    if (parseResult.GetValue(credentialsOption) is { } credentialsPath)
    {
        try
        {
            var credentials = await DeviceCredentials.LoadAsync(credentialsPath, cancellationToken);
            publisher = new DeviceFleetPublisher(host, port, topology.Devices, credentials, $"sim-{Environment.ProcessId}", Log);
        }
        catch (Exception ex) when (ex is FormatException or ArgumentException)
        {
            return Fail(BadArguments, ex.Message);
        }

        identity = $"one connection per device, each as itself (accounts from {credentialsPath})";
    }
    else
    {
        publisher = new MqttFleetPublisher(host, port, clientId, Log);
        identity = $"as {clientId}";
    }

    await using var disposePublisher = publisher;
    try
    {
        await publisher.ConnectAsync(cancellationToken);
    }
    catch (BrokerUnreachableException ex)
    {
        return Fail(BrokerUnreachable, ex.Message);
    }
    catch (OperationCanceledException)
    {
        return 0;
    }

    var until = duration is { } dur ? string.Create(CultureInfo.InvariantCulture, $"for {dur:0.###} s") : "until Ctrl-C";
    var faults = plan.Transitions.Count > 0 ? $", {plan.Transitions.Count(t => t.Starts)} fault(s) scheduled" : "";
    Log(string.Create(CultureInfo.InvariantCulture,
        $"connected to MQTT broker {publisher.Endpoint} {identity}; {topology.Devices.Count} devices from {topologyPath}, a reading every {interval:0.###} s, seed {seed}, {until}{faults}"));

    if (score)
    {
        using var channel = Grpc.Net.Client.GrpcChannel.ForAddress(parseResult.GetValue(hubOption)!);
        var calls = Grpc.Core.Interceptors.CallInvokerExtensions.Intercept(channel.CreateCallInvoker(), metadata =>
        {
            metadata.Add("authorization", "Bearer " + hubToken);
            return metadata;
        });
        var drill = new DrillRunner(scenario!, topology, seed, TimeSpan.FromSeconds(interval), publisher, new GrpcDrillHub(calls), Log, TimeProvider.System);
        ScoreCard card;
        try
        {
            card = await drill.RunAsync(cancellationToken);
        }
        catch (Grpc.Core.RpcException ex)
        {
            return Fail(BrokerUnreachable, $"reading the hub at {parseResult.GetValue(hubOption)} failed: {ex.Status.StatusCode} {ex.Status.Detail}");
        }

        Console.WriteLine(card.Format());
        return card.Passed ? 0 : DrillFailed;
    }

    var runner = new FleetRunner(generator, plan, publisher, TimeSpan.FromSeconds(interval),
        duration is { } limit ? TimeSpan.FromSeconds(limit) : null, Log, TimeProvider.System);
    await runner.RunAsync(cancellationToken);

    // Hand over what is still queued; brief on Ctrl-C (the process is being asked to go).
    var drained = await publisher.DrainAsync(cancellationToken.IsCancellationRequested ? TimeSpan.FromSeconds(1) : TimeSpan.FromSeconds(10));
    Log($"stopped: published {publisher.Published} messages" +
        (publisher.Dropped > 0 ? $", {publisher.Dropped} dropped" : "") +
        (drained ? "" : ", some still queued were not sent"));
    return 0;
});

var parsed = rootCommand.Parse(args);
if (parsed.Errors.Count > 0)
{
    foreach (var error in parsed.Errors)
    {
        Console.Error.WriteLine($"[fleet] {error.Message}");
    }

    return BadArguments;
}

// System.CommandLine 2.0.0 turns Ctrl-C/SIGTERM into cancellation only when given a termination
// timeout explicitly; without it the process dies on the signal with no chance to stop cleanly.
return await parsed.InvokeAsync(new InvocationConfiguration { ProcessTerminationTimeout = TimeSpan.FromSeconds(5) });

// A relative path is tried from the current folder up, so the default works from the repo root and
// from the project folder (dotnet run) alike.
static string FindFile(string path)
{
    if (Path.IsPathRooted(path) || File.Exists(path))
    {
        return Path.GetFullPath(path);
    }

    for (var folder = new DirectoryInfo(Environment.CurrentDirectory).Parent; folder is not null; folder = folder.Parent)
    {
        var candidate = Path.Combine(folder.FullName, path);
        if (File.Exists(candidate))
        {
            return candidate;
        }
    }

    return Path.GetFullPath(path);
}
