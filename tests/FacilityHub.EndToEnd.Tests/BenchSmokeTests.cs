using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace FacilityHub.EndToEnd.Tests;

/// <summary>The benchmark (deploy/bench.sh) in its tiny form: its own servers on free ports, a 45-item and a 405-item
/// estate, two rates, two burst pipes. Not a speed test: it shows that every figure is still printed and makes sense.</summary>
public sealed class BenchSmokeTests
{
    private static double Number(Match m, int group) => double.Parse(m.Groups[group].Value, CultureInfo.InvariantCulture);

    private static Match Line(string output, string pattern)
    {
        var match = Regex.Match(output, pattern, RegexOptions.Multiline);
        Assert.True(match.Success, $"no line matching {pattern} in:\n{output}");
        return match;
    }

    [Fact]
    public async Task State_bytes_mode_prints_the_live_bytes_of_a_home_alarm_point_without_servers()
    {
        var once = await RunAsync("--state-bytes", "--", "--alarm-points", "5000");
        var tenMinutes = await RunAsync("--state-bytes", "--", "--alarm-points", "5000", "--rounds", "20");

        const string Figure = @"^bench: STATE-BYTES 5000 home alarm points, (\d+) heartbeat\(s\) \+ 1 battery reading each: monitor (-?\d+) B, duplicate filter (-?\d+) B, together (-?\d+) B per item";
        var first = Line(once, Figure);
        var later = Line(tenMinutes, Figure);
        Assert.Equal(1, Number(first, 1));
        Assert.Equal(20, Number(later, 1));
        // A monitor holds its rules' states and one latest value: some bytes, far from a kilobyte.
        Assert.InRange(Number(first, 2), 100, 1024);
        // Ten minutes of heartbeats are remembered for the duplicate check: the filter holds more than after two messages.
        Assert.InRange(Number(first, 3), 50, 1024);
        Assert.True(Number(later, 3) > Number(first, 3) + 100, $"{first.Value}\n{later.Value}");
    }

    [Fact]
    public async Task Smoke_run_of_the_benchmark_prints_every_figure_with_plausible_values()
    {
        var output = await RunAsync("--smoke");

        const string verdict = @"(kept up|fell behind|the load generator fell short \(\d+/s; every message stored\))";
        Assert.Matches(@"(?m)^bench: step raw \d+ msg/s: .* -> " + verdict + "$", output);
        Assert.Matches(@"(?m)^bench: step hub \d+ msg/s: .* -> " + verdict + "$", output);
        var raw = Number(Line(output, @"^bench: RAW CEILING: (\d+) msg/s"), 1);
        var sustained = Line(output, @"^bench: SUSTAINED INGEST: (\d+) msg/s = (\d+) % of the raw ceiling");
        // 100 msg/s for 2 s, with 20 s to store them: both keep up however loaded the machine is.
        Assert.InRange(raw, 100, 150);
        Assert.InRange(Number(sustained, 1), 100, 150);
        Assert.InRange(Number(sustained, 2), 1, 150);

        var cpu = Line(output, @"^bench: CPU at (\d+) msg/s \(hub step\), % of one core: hub (\d+), mosquitto (\d+), influxd (\d+), load generator (\d+)");
        Assert.True(Number(cpu, 2) > 0, "the hub used no CPU while it stored messages?");
        for (var g = 2; g <= 5; g++) Assert.InRange(Number(cpu, g), 0, 100 * Environment.ProcessorCount + 50);

        var fault = Line(output, @"^bench: FAULT TO WORK ORDER at (\d+) msg/s .*: n=(\d+) of (\d+) burst pipes, p50 ([\d.]+) ms, p90 [\d.]+ ms, p99 ([\d.]+) ms, max ([\d.]+) ms");
        Assert.Equal(2, Number(fault, 3));
        Assert.Equal(Number(fault, 3), Number(fault, 2));
        Assert.True(Number(fault, 4) > 0 && Number(fault, 4) <= Number(fault, 5) && Number(fault, 5) <= Number(fault, 6), fault.Value);
        // Before them, apart: the first order after the start, and the warm-up's burst pipes on pumps of their own.
        Line(output, @"^bench: FIRST FAULT AFTER THE HUB START \(not in the figures below\): [\d.]+ ms");
        var warmUp = Line(output, @"^bench: WARM-UP FAULTS \(not in the figures below; .*\): n=(\d+) of (\d+), p50 [\d.]+ ms, p99 [\d.]+ ms, max [\d.]+ ms");
        Assert.Equal(1, Number(warmUp, 2));
        Assert.Equal(Number(warmUp, 2), Number(warmUp, 1));

        // Memory is measured in the estate's normal state: every device talking, no offline alarm raised.
        foreach (var (hub, items) in new[] { ("hub-small", 45), ("hub-large", 405) })
        {
            var memory = Line(output, $@"^bench: MEMORY {hub}: (\d+) items, (\d+) equipment grains active, every device fed a message every \d+ s \((\d+) messages .*\), (\d+) alarms raised \((\d+) offline\) by the time RSS settled at (\d+) MiB");
            Assert.Equal(items, Number(memory, 1));
            Assert.Equal(items, Number(memory, 2));
            Assert.True(Number(memory, 3) >= items, memory.Value);
            Assert.Equal(0, Number(memory, 5));
        }

        var start = Line(output, @"^bench: HUB START: (\d+) items loaded and their grains active in ([\d.]+) s");
        Assert.Equal(405, Number(start, 1));
        var rss = Line(output, @"^bench: HUB RSS: (\d+) grains active (\d+) MiB, (\d+) grains active (\d+) MiB -> (-?\d+) bytes per grain");
        Assert.Equal(45, Number(rss, 1));
        Assert.Equal(405, Number(rss, 3));
        Assert.InRange(Number(rss, 2), 20, 4096);
        Assert.InRange(Number(rss, 4), 20, 4096);
        Assert.Matches(@"(?m)^bench: machine: \d+ cores, load average [\d.]+ [\d.]+ [\d.]+ at start$", output);
        Assert.Matches(@"(?m)^bench: machine: load average [\d.]+ [\d.]+ [\d.]+ at the end$", output);
    }

    /// <summary>Runs <c>deploy/bench.sh</c> with <paramref name="args"/> on the binaries of this build; its output, once it exited 0.</summary>
    private static async Task<string> RunAsync(params string[] args)
    {
        var bin = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var root = bin;
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "FacilityHub.sln"))) root = root.Parent;
        Assert.NotNull(root);
        var info = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = root.FullName };
        info.ArgumentList.Add("deploy/bench.sh");
        foreach (var arg in args) info.ArgumentList.Add(arg);
        info.Environment["FH_BENCH_NO_BUILD"] = "1";
        info.Environment["FH_BENCH_CONFIGURATION"] = bin.Parent!.Name;
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using (var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(8)))
        {
            try
            {
                await process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                // SIGTERM: bench.sh stops its servers and removes its data folder.
                Process.Start("kill", ["-TERM", process.Id.ToString(CultureInfo.InvariantCulture)])!.WaitForExit();
                await process.WaitForExitAsync();
                Assert.Fail($"bench.sh {string.Join(' ', args)} did not finish in 8 minutes:\n{await stdout}\n{await stderr}");
            }
        }

        var output = await stdout + await stderr;
        Assert.True(process.ExitCode == 0, $"exit code {process.ExitCode}:\n{output}");
        return output;
    }
}
