using System.Diagnostics;
using System.Text;
using FacilityHub.Testing;

namespace FacilityHub.EndToEnd.Tests;

/// <summary>The hub (src/FacilityHub.Server, built in the test's configuration) as a child process, its
/// console captured so tests can read what it logged.</summary>
public sealed class HubProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private HubProcess(Process process) => _process = process;

    public int ExitCode => _process.ExitCode;
    public bool HasExited => _process.HasExited;

    public string Output
    {
        get { lock (_output) return _output.ToString(); }
    }

    public static string ServerDll
    {
        get
        {
            // tests/X/bin/<Configuration>/net10.0/ → src/FacilityHub.Server/bin/<Configuration>/net10.0/
            var bin = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
            string configuration = bin.Parent!.Name;
            var root = bin;
            while (root is not null && !File.Exists(Path.Combine(root.FullName, "FacilityHub.sln"))) root = root.Parent;
            if (root is null) throw new InvalidOperationException("FacilityHub.sln not found above " + bin.FullName);
            return Path.Combine(root.FullName, "src", "FacilityHub.Server", "bin", configuration, bin.Name, "FacilityHub.Server.dll");
        }
    }

    /// <summary>Starts the hub with settings as command-line overrides ("Section:Key" → value).</summary>
    public static HubProcess Start(IReadOnlyDictionary<string, string> settings)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetDirectoryName(ServerDll)!,
        };
        info.ArgumentList.Add(ServerDll);
        foreach (var (key, value) in settings) info.ArgumentList.Add($"--{key}={value}");
        info.Environment["DOTNET_ENVIRONMENT"] = "Production";
        var process = new Process { StartInfo = info };
        var hub = new HubProcess(process);
        process.OutputDataReceived += (_, e) => hub.Append(e.Data);
        process.ErrorDataReceived += (_, e) => hub.Append(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return hub;
    }

    /// <summary>Waits until the hub has subscribed to MQTT and its gRPC endpoint listens. Both: the subscription is
    /// often logged before Kestrel binds, and a call in between is refused (and sends the channel into back-off).</summary>
    public async Task WaitReadyAsync()
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (!Output.Contains("MQTT: subscribed") || !Output.Contains("Now listening on"))
        {
            if (HasExited) throw new InvalidOperationException($"hub exited with {ExitCode}:\n{Output}");
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"hub not subscribed to MQTT and listening after 60 s:\n{Output}");
            await Task.Delay(Eventually.PollInterval);
        }
    }

    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        await _process.WaitForExitAsync(cts.Token);
        _process.WaitForExit(); // drains the redirected output
        return _process.ExitCode;
    }

    /// <summary>SIGKILL: no shutdown code runs, as when the machine dies.</summary>
    public async Task KillAsync()
    {
        if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
    }

    private void Append(string? line)
    {
        if (line is null) return;
        lock (_output) _output.AppendLine(line);
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        _process.Dispose();
    }
}
