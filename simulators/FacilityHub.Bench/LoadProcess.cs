using System.Globalization;
using System.Reflection;
using FacilityHub.FleetSimulator.Generation;
using FacilityHub.FleetSimulator.Topology;

namespace FacilityHub.Bench;

/// <summary>
/// The load generator in a process of its own (<c>FacilityHub.Bench load ...</c>), for the fault → work order phase: the
/// benchmark's process then holds only what the figure is about (the faulting pumps' connection and the dispatch
/// simulator), and neither waits behind the generator's thousands of publishes a second in one thread pool. The devices
/// stand in for a fleet on other machines; here they still share the cores with everything else, at a lower priority.
/// </summary>
internal static class LoadProcess
{
    /// <summary>The devices stand in for a fleet on other machines: where the generator and the hub want a core at the same
    /// moment, the hub (and the broker, the stores and the dispatch simulator) should have it. Measured in NOTES.md (7):
    /// fault -> work order p90 15.5/15.7/11.8 ms at nice 0, 10.9/9.4/10.6 ms at nice 10 (three runs each).</summary>
    public const int Niceness = 10;

    private const string StartedLine = "load: connected";
    private const string DoneLine = "load: done ";

    /// <summary>Runs in the child: the estate's devices (same seed as the parent) but <paramref name="skip"/>, at
    /// <paramref name="rate"/> for <paramref name="duration"/>; prints one line with what was sent.</summary>
    public static async Task<int> RunAsync(int mqttPort, string topologyFile, int seed, IReadOnlyCollection<string> skip, double rate, TimeSpan duration, int connections, CancellationToken cancellationToken)
    {
        var left = skip.ToHashSet(StringComparer.Ordinal);
        var devices = new FleetGenerator(await FleetTopology.LoadAsync(topologyFile, cancellationToken), seed).Devices
            .Where(d => !left.Contains(d.Device.EquipmentId)).ToList();
        await using var load = await LoadGenerator.ConnectAsync(mqttPort, connections, "bench-load-child", cancellationToken);
        Console.WriteLine(StartedLine);
        var step = await load.RunAsync(devices, "facility", rate, duration, cancellationToken);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{DoneLine}{step.Sent} {step.Acknowledged} {step.Failed} {step.From.UtcTicks} {step.To.UtcTicks} {step.Elapsed.Ticks}"));
        return 0;
    }

    /// <summary>In the parent: starts the child and returns once it is connected; <see cref="Child.DoneAsync"/> gives the step.</summary>
    public static async Task<Child> StartAsync(BenchOptions o, IEnumerable<DeviceSimulator> skip, double rate, TimeSpan duration)
    {
        var args = new List<string>
        {
            "load",
            "--mqtt-port", o.MqttPort.ToString(CultureInfo.InvariantCulture),
            "--topology", o.TopologySmall,
            "--seed", o.Seed.ToString(CultureInfo.InvariantCulture),
            "--rate", rate.ToString("R", CultureInfo.InvariantCulture),
            "--seconds", duration.TotalSeconds.ToString("R", CultureInfo.InvariantCulture),
            "--connections", o.Connections.ToString(CultureInfo.InvariantCulture),
        };
        foreach (var d in skip) args.AddRange(["--skip", d.Device.EquipmentId]);
        var process = ChildProcess.StartDotnet(Assembly.GetEntryAssembly()!.Location, Path.Combine(o.DataDir, "logs", "load.log"), new Dictionary<string, string>(), Niceness, [.. args]);
        try
        {
            await process.WaitForLineAsync(l => l == StartedLine, TimeSpan.FromSeconds(60), "the load generator's process connecting");
        }
        catch
        {
            await process.DisposeAsync();
            throw;
        }

        return new Child(process, rate, duration);
    }

    internal sealed class Child(ChildProcess process, double rate, TimeSpan duration) : IAsyncDisposable
    {
        public int Id => process.Id;

        public async Task<LoadStep> DoneAsync()
        {
            var line = await process.WaitForLineAsync(l => l.StartsWith(DoneLine, StringComparison.Ordinal), duration + TimeSpan.FromSeconds(60), "the load generator's process finishing");
            var f = line[DoneLine.Length..].Split(' ').Select(x => long.Parse(x, CultureInfo.InvariantCulture)).ToArray();
            return new LoadStep(rate, f[0], f[1], f[2], new DateTimeOffset(f[3], TimeSpan.Zero), new DateTimeOffset(f[4], TimeSpan.Zero), TimeSpan.FromTicks(f[5]));
        }

        public ValueTask DisposeAsync() => process.DisposeAsync();
    }
}
