using System.Collections.Concurrent;
using System.Diagnostics;

namespace FacilityHub.Bench;

/// <summary>A program the benchmark started (<c>dotnet X.dll ...</c>): its output kept in memory and in a log file, waited
/// on by line; killed with its children when disposed.</summary>
internal sealed class ChildProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _lines = new();
    private readonly StreamWriter _log;

    private ChildProcess(Process process, StreamWriter log)
    {
        _process = process;
        _log = log;
    }

    public int Id => _process.Id;

    public bool HasExited => _process.HasExited;

    public static ChildProcess StartDotnet(string dll, string logFile, IReadOnlyDictionary<string, string> environment, params string[] arguments) =>
        StartDotnet(dll, logFile, environment, niceness: 0, arguments);

    /// <summary>Started through <c>nice -n <paramref name="niceness"/></c> when above 0: every thread of it yields to the
    /// rest of the machine when the cores are contended.</summary>
    public static ChildProcess StartDotnet(string dll, string logFile, IReadOnlyDictionary<string, string> environment, int niceness, params string[] arguments)
    {
        var info = new ProcessStartInfo(niceness > 0 ? "nice" : "dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        if (niceness > 0)
        {
            info.ArgumentList.Add("-n");
            info.ArgumentList.Add(niceness.ToString(System.Globalization.CultureInfo.InvariantCulture));
            info.ArgumentList.Add("dotnet");
        }
        info.ArgumentList.Add(dll);
        foreach (var a in arguments) info.ArgumentList.Add(a);
        foreach (var (k, v) in environment) info.Environment[k] = v;
        var log = new StreamWriter(logFile, append: true) { AutoFlush = true };
        var process = new Process { StartInfo = info };
        var child = new ChildProcess(process, log);
        process.OutputDataReceived += (_, e) => child.Add(e.Data);
        process.ErrorDataReceived += (_, e) => child.Add(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return child;
    }

    /// <summary>The first line (from the start) that <paramref name="match"/> accepts.</summary>
    /// <exception cref="TimeoutException">None within <paramref name="timeout"/>, or the process exited.</exception>
    public async Task<string> WaitForLineAsync(Func<string, bool> match, TimeSpan timeout, string what)
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            foreach (var line in _lines)
            {
                if (match(line)) return line;
            }

            if (_process.HasExited) throw new TimeoutException($"{what}: the process exited (code {_process.ExitCode}) first");
            if (deadline.Elapsed > timeout) throw new TimeoutException($"{what}: not within {timeout.TotalSeconds:0} s");
            await Task.Delay(50);
        }
    }

    /// <summary>How many lines so far <paramref name="match"/> accepts.</summary>
    public int Count(Func<string, bool> match) => _lines.Count(match);

    private void Add(string? line)
    {
        if (line is null) return;
        _lines.Enqueue(line);
        lock (_log) _log.WriteLine(line);
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            // SIGTERM first: the hub flushes its InfluxDB buffer and leaves the cluster tidily.
            Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])?.WaitForExit();
            using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(15));
            try
            {
                await _process.WaitForExitAsync(wait.Token);
            }
            catch (OperationCanceledException)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync();
            }
        }

        _process.Dispose();
        await _log.DisposeAsync();
    }
}
