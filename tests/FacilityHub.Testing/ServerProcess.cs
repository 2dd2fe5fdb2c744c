using System.Diagnostics;
using System.Globalization;

namespace FacilityHub.Testing;

/// <summary>
/// One server binary running as a child process, its stdout/stderr kept (last lines) for error
/// messages, readiness polled with a deadline.
/// </summary>
internal sealed class ServerProcess : IAsyncDisposable
{
    private const int KeptLines = 40;
    private readonly Queue<string> _lines = new();
    private readonly Process _process;

    private ServerProcess(string name, Process process)
    {
        Name = name;
        _process = process;
    }

    public string Name { get; }

    public int Id => _process.Id;

    public bool HasExited => _process.HasExited;

    /// <summary>The last lines the server wrote to stdout and stderr.</summary>
    public string Output
    {
        get
        {
            lock (_lines)
            {
                return string.Join(Environment.NewLine, _lines);
            }
        }
    }

    public static ServerProcess Start(string name, string fileName, string workingDirectory, params string[] arguments)
    {
        var info = new ProcessStartInfo(fileName)
        {
            WorkingDirectory = workingDirectory,
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        // influxd lets INFLUXDB_* variables override its config file; keep the config authoritative.
        foreach (var key in info.Environment.Keys.Where(k => k.StartsWith("INFLUXDB_", StringComparison.Ordinal)).ToList())
        {
            info.Environment.Remove(key);
        }

        var process = new Process { StartInfo = info };
        var server = new ServerProcess(name, process);
        process.OutputDataReceived += (_, e) => server.Keep(e.Data);
        process.ErrorDataReceived += (_, e) => server.Keep(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return server;
    }

    /// <summary>
    /// Polls until <paramref name="probe"/> succeeds against <paramref name="port"/> and this process
    /// owns the listening socket there (not another server that happens to hold the port).
    /// </summary>
    /// <exception cref="ServerExitedException">The process exited before it was ready.</exception>
    public async Task WaitReadyAsync(
        int port, Func<CancellationToken, Task<bool>> probe, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        Exception? last = null;
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (_process.HasExited)
            {
                await _process.WaitForExitAsync(cancellationToken).ConfigureAwait(false); // drain output
                throw new ServerExitedException(
                    $"{Name} exited with code {_process.ExitCode} while starting. Last output:{Environment.NewLine}{Output}",
                    Output);
            }

            using (var probeTimeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
            {
                probeTimeout.CancelAfter(TimeSpan.FromSeconds(2));
                try
                {
                    if (await probe(probeTimeout.Token).ConfigureAwait(false) && OwnsListener(port))
                    {
                        return;
                    }
                }
                catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
                {
                    last = ex;
                }
            }

            if (clock.Elapsed >= timeout)
            {
                throw new TimeoutException(
                    $"{Name} (pid {Id}) was not ready on 127.0.0.1:{port} after {timeout.TotalSeconds:0.#} s" +
                    (last is null ? "" : $" (last probe error: {last.Message})") +
                    $". Last output:{Environment.NewLine}{Output}", last);
            }

            await Task.Delay(Eventually.PollInterval, cancellationToken).ConfigureAwait(false);
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
            }

            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            await _process.WaitForExitAsync(timeout.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is InvalidOperationException or OperationCanceledException)
        {
            // Never started, already reaped, or did not die in time: nothing more to do here.
        }
        finally
        {
            _process.Dispose();
        }
    }

    /// <summary>Kills the process without waiting; safe to call from a ProcessExit handler.</summary>
    public void KillNow()
    {
        try
        {
            _process.Kill(entireProcessTree: true);
        }
        catch (Exception ex) when (ex is InvalidOperationException or System.ComponentModel.Win32Exception)
        {
            // Already gone.
        }
    }

    private void Keep(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_lines)
        {
            _lines.Enqueue(line);
            while (_lines.Count > KeptLines)
            {
                _lines.Dequeue();
            }
        }
    }

    /// <summary>
    /// On Linux: whether this process holds the socket listening on 127.0.0.1:port (from
    /// /proc/net/tcp and /proc/PID/fd). Elsewhere, or where /proc cannot be read, true.
    /// </summary>
    private bool OwnsListener(int port)
    {
        if (!OperatingSystem.IsLinux() || !File.Exists("/proc/net/tcp"))
        {
            return true;
        }

        try
        {
            var suffix = ":" + port.ToString("X4", CultureInfo.InvariantCulture);
            var sockets = new HashSet<string>(StringComparer.Ordinal);
            foreach (var line in File.ReadLines("/proc/net/tcp").Skip(1))
            {
                // sl local_address rem_address st tx_queue:rx_queue tr:tm->when retrnsmt uid timeout inode
                var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                if (fields.Length > 9 && fields[3] == "0A" && fields[1].EndsWith(suffix, StringComparison.Ordinal))
                {
                    sockets.Add($"socket:[{fields[9]}]");
                }
            }

            if (sockets.Count == 0)
            {
                return false;
            }

            foreach (var fd in Directory.EnumerateFiles($"/proc/{Id}/fd"))
            {
                try
                {
                    if (new FileInfo(fd).LinkTarget is { } target && sockets.Contains(target))
                    {
                        return true;
                    }
                }
                catch (IOException)
                {
                    // The descriptor closed while we looked.
                }
            }

            return false;
        }
        catch (UnauthorizedAccessException)
        {
            return true;
        }
        catch (DirectoryNotFoundException)
        {
            return false; // the process is gone; the next poll reports its exit
        }
    }
}
