using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using FacilityHub.Domain.Telemetry;
using FacilityHub.Domain.Tests;
using FacilityHub.Domain.Topology;
using FacilityHub.Ingestion.Influx;
using FacilityHub.Ingestion.Pipeline;
using FacilityHub.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace FacilityHub.Ingestion.Tests;

/// <summary>The store against a real influxd: what the hub writes is what a query reads back; what InfluxDB cannot
/// take is spooled and counted, not lost.</summary>
public sealed class TelemetryStoreTests : IAsyncLifetime
{
    private readonly string _spool = Directory.CreateTempSubdirectory("fh-store-spool-").FullName;
    private RealServers _servers = null!;

    public async Task InitializeAsync() => _servers = await RealServers.StartAsync();

    public async Task DisposeAsync()
    {
        await _servers.DisposeAsync();
        Directory.Delete(_spool, recursive: true);
    }

    private TelemetryStore Store(string url, IngestionStats stats) =>
        new(Options.Create(new InfluxOptions { Url = url, Database = _servers.InfluxDatabase, SpoolDirectory = _spool, FlushIntervalMs = 50 }), stats, NullLogger<TelemetryStore>.Instance);

    private static readonly Estate Estate = SampleEstate.Load();
    private static EquipmentItem Pump => Estate.Equipment.First(e => e.Kind.Name == "water_pump");
    private static EquipmentItem AlarmPoint => Estate.Equipment.First(e => e.Kind.Events.Contains("zone_tripped"));

    [Fact]
    public async Task Readings_and_events_come_back_from_InfluxDB_with_their_tags_exact_values_and_times()
    {
        var stats = new IngestionStats();
        var at = new DateTimeOffset(2026, 11, 26, 8, 30, 15, TimeSpan.Zero).AddTicks(1234567); // .1234567 s: 100 ns precision kept
        await using (var store = Store(_servers.InfluxUrl, stats))
        {
            store.WriteTelemetry(Pump, at, [new MetricValue("outlet_pressure_bar", 0.1 + 0.2), new MetricValue("flow_m3h", -3e-7), new MetricValue("running", 1)]);
            store.WriteEvent(AlarmPoint, at.AddSeconds(1), "zone_tripped", "hall \"north\" \\ east");
        }

        Assert.Equal(2, stats.PointsWritten);
        using var telemetry = await _servers.QueryInfluxAsync($"SELECT outlet_pressure_bar, flow_m3h, running FROM telemetry WHERE equipment = '{Pump.Id}' AND site = '{Pump.SiteId}' AND building = '{Pump.BuildingId}' AND kind = 'water_pump'");
        var row = Row(telemetry);
        Assert.Equal("2026-11-26T08:30:15.1234567Z", row[0].GetString());
        Assert.Equal(0.1 + 0.2, row[1].GetDouble()); // 0.30000000000000004: every digit kept
        Assert.Equal(-3e-7, row[2].GetDouble());
        Assert.Equal(1, row[3].GetDouble());
        using var events = await _servers.QueryInfluxAsync($"SELECT zone, \"count\" FROM events WHERE equipment = '{AlarmPoint.Id}' AND \"event\" = 'zone_tripped'");
        var e = Row(events);
        Assert.Equal("hall \"north\" \\ east", e[1].GetString());
        Assert.Equal(1, e[2].GetInt64());
    }

    [Fact]
    public async Task Points_an_unreachable_InfluxDB_cannot_take_are_counted_as_failed_and_kept_on_disk()
    {
        // A loopback port nobody listens on: every try is refused at once.
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        int port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        var stats = new IngestionStats();
        var at = DateTimeOffset.UtcNow;
        await using (var store = Store($"http://127.0.0.1:{port}", stats))
        {
            for (int i = 0; i < 3; i++) store.WriteTelemetry(Pump, at.AddSeconds(i), [new MetricValue("flow_m3h", 30 + i)]);
        }

        Assert.Equal(0, stats.PointsWritten);
        Assert.Equal(3, stats.PointsFailed);
        var spool = new TelemetrySpool(_spool);
        Assert.Equal(3, spool.Pending);
        var kept = new List<string>();
        await spool.ReplayAsync((lines, _) => { kept.AddRange(lines); return Task.CompletedTask; }, CancellationToken.None);
        Assert.Equal(3, kept.Count);
        Assert.All(kept, l => Assert.StartsWith($"telemetry,building={Pump.BuildingId},equipment={Pump.Id},kind=water_pump,site={Pump.SiteId} flow_m3h=3", l));
    }

    private static JsonElement[] Row(JsonDocument result)
    {
        var series = result.RootElement.GetProperty("results")[0].GetProperty("series");
        Assert.Equal(1, series.GetArrayLength());
        var values = series[0].GetProperty("values");
        Assert.Equal(1, values.GetArrayLength());
        return [.. values[0].EnumerateArray()];
    }
}
