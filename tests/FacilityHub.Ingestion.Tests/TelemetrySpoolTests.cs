using FacilityHub.Ingestion.Influx;

namespace FacilityHub.Ingestion.Tests;

public sealed class TelemetrySpoolTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("fh-spool-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task Spooled_lines_are_replayed_once_and_the_spool_is_then_empty()
    {
        var spool = new TelemetrySpool(_dir);
        spool.Append("telemetry,equipment=p1 flow=1 1000\ntelemetry,equipment=p1 flow=2 2000");
        spool.Append("telemetry,equipment=p1 flow=3 3000\n");
        var written = new List<string>();

        long n = await spool.ReplayAsync((lines, _) => { written.AddRange(lines); return Task.CompletedTask; }, CancellationToken.None);

        Assert.Equal(3, n);
        Assert.Equal(["telemetry,equipment=p1 flow=1 1000", "telemetry,equipment=p1 flow=2 2000", "telemetry,equipment=p1 flow=3 3000"], written);
        Assert.Equal(0, spool.Pending);
        Assert.Equal(0, await spool.ReplayAsync((_, _) => throw new InvalidOperationException("nothing to write"), CancellationToken.None));
    }

    [Fact]
    public async Task A_replay_that_fails_keeps_every_line_for_the_next_one_and_new_failures_are_kept_too()
    {
        var spool = new TelemetrySpool(_dir);
        spool.Append("a 1\nb 2");

        await Assert.ThrowsAsync<HttpRequestException>(() => spool.ReplayAsync((_, _) => throw new HttpRequestException("connection refused"), CancellationToken.None));
        spool.Append("c 3");
        Assert.Equal(3, spool.Pending);

        var written = new List<string>();
        await spool.ReplayAsync((lines, _) => { written.AddRange(lines); return Task.CompletedTask; }, CancellationToken.None);
        await spool.ReplayAsync((lines, _) => { written.AddRange(lines); return Task.CompletedTask; }, CancellationToken.None);

        Assert.Equal(["a 1", "b 2", "c 3"], written.Order());
        Assert.Equal(0, spool.Pending);
    }

    [Fact]
    public void A_spool_left_by_a_crashed_hub_is_found_by_the_next_one()
    {
        new TelemetrySpool(_dir).Append("a 1\nb 2");

        Assert.Equal(2, new TelemetrySpool(_dir).Pending);
    }
}
