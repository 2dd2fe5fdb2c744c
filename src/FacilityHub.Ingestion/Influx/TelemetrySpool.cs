namespace FacilityHub.Ingestion.Influx;

/// <summary>
/// Points InfluxDB did not take (down, after the writer's retries), kept as line protocol in a file and written
/// again when it is back, so an outage loses nothing. Replaying a line twice is harmless: a point with the same
/// series and timestamp overwrites itself. New failures append to the spool while a replay works on a snapshot.
/// </summary>
public sealed class TelemetrySpool(string directory)
{
    private const int ReplayChunk = 5000;
    private readonly Lock _gate = new();
    private long _pending = -1;

    private string SpoolFile => Path.Combine(directory, "influx-spool.lp");
    private string ReplayFile => Path.Combine(directory, "influx-spool.replaying.lp");

    /// <summary>Lines waiting to be written.</summary>
    public long Pending
    {
        get
        {
            lock (_gate)
            {
                if (_pending < 0) _pending = CountLines(SpoolFile) + CountLines(ReplayFile);
                return _pending;
            }
        }
    }

    public void Append(string lineProtocol)
    {
        var lines = lineProtocol.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (lines.Length == 0) return;
        lock (_gate)
        {
            Directory.CreateDirectory(directory);
            File.AppendAllLines(SpoolFile, lines);
            if (_pending >= 0) _pending += lines.Length;
        }
    }

    /// <summary>Writes the spooled lines with <paramref name="write"/>, a chunk at a time; returns how many it
    /// wrote. When a chunk fails, what is left stays spooled for the next try and the exception propagates.</summary>
    public async Task<long> ReplayAsync(Func<IReadOnlyList<string>, CancellationToken, Task> write, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            // A replay file left by a crash is taken up again before new failures.
            if (!File.Exists(ReplayFile))
            {
                if (!File.Exists(SpoolFile)) return 0;
                File.Move(SpoolFile, ReplayFile);
            }
        }
        var lines = await File.ReadAllLinesAsync(ReplayFile, cancellationToken).ConfigureAwait(false);
        long written = 0;
        try
        {
            for (int i = 0; i < lines.Length; i += ReplayChunk)
            {
                var chunk = lines.AsSpan(i, Math.Min(ReplayChunk, lines.Length - i)).ToArray();
                await write(chunk, cancellationToken).ConfigureAwait(false);
                written += chunk.Length;
            }
            lock (_gate)
            {
                File.Delete(ReplayFile);
                if (_pending >= 0) _pending -= written;
            }
            return written;
        }
        catch
        {
            lock (_gate)
            {
                // Keep what was not written; the next replay starts from it.
                File.WriteAllLines(ReplayFile, lines.Skip((int)written));
                if (_pending >= 0) _pending -= written;
            }
            throw;
        }
    }

    private static long CountLines(string path) => File.Exists(path) ? File.ReadLines(path).LongCount(l => l.Length > 0) : 0;
}
