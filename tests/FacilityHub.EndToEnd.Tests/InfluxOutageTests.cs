using FacilityHub.Api.V1;
using FacilityHub.Testing;

namespace FacilityHub.EndToEnd.Tests;

/// <summary>InfluxDB goes down while devices keep publishing: the hub keeps the points on disk and writes them
/// when InfluxDB is back; alarms go on meanwhile.</summary>
[Collection(HubCollection.Name)]
public sealed class InfluxOutageTests(HubFixture hub)
{
    private const string Pump = "t-pump-influx-down";

    [Fact]
    public async Task Points_published_while_InfluxDB_is_down_are_all_stored_once_it_is_back_and_alarms_still_work()
    {
        await hub.Servers.StopInfluxAsync();
        try
        {
            // Distinct device timestamps, one second apart: 21 points, none overwriting another.
            var start = DateTimeOffset.UtcNow.AddMinutes(-1);
            string At(int second) => start.AddSeconds(second).ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", System.Globalization.CultureInfo.InvariantCulture);
            for (int i = 0; i < 20; i++)
            {
                await hub.PublishAsync(TestTopology.Topic(Pump), $$$"""{"ts":"{{{At(i)}}}","values":{"outlet_pressure_bar":4.5,"flow_m3h":{{{30 + i}}},"running":1}}""");
            }
            // The rules do not wait for the store: a burst pipe still raises its alarm.
            await hub.PublishAsync(TestTopology.Topic(Pump), $$$"""{"ts":"{{{At(30)}}}","values":{"outlet_pressure_bar":0.2,"flow_m3h":80,"running":1}}""");
            await Eventually.UntilAsync(async () =>
                (await hub.Alarms.ListAlarmsAsync(new ListAlarmsRequest { EquipmentId = Pump, ConditionActiveOnly = true })).Alarms.Any(a => a.RuleId == "pressure_collapse"),
                TimeSpan.FromSeconds(15), "the burst-pipe alarm while InfluxDB is down");

            var spooled = await Eventually.UntilAsync(async () =>
            {
                var stats = await hub.Telemetry.GetIngestionStatsAsync(new GetIngestionStatsRequest());
                return stats.PointsSpooled >= 21 ? stats : null;
            }, TimeSpan.FromSeconds(60), "the hub spools the points InfluxDB does not take");
            Assert.True(spooled.PointsFailed >= 21);
        }
        finally
        {
            await hub.Servers.RestartInfluxAsync();
        }

        await Eventually.UntilAsync(async () =>
            await hub.Servers.CountInfluxAsync($"SELECT count(flow_m3h) FROM telemetry WHERE equipment = '{Pump}'") == 21,
            TimeSpan.FromSeconds(60), "every point published during the outage reaches InfluxDB");
        var after = await Eventually.UntilAsync(async () =>
        {
            var stats = await hub.Telemetry.GetIngestionStatsAsync(new GetIngestionStatsRequest());
            return stats.PointsSpooled == 0 ? stats : null;
        }, TimeSpan.FromSeconds(30), "the spool is empty again");
        Assert.Equal(0, after.PointsSpooled);
    }
}
