using System.Globalization;
using FacilityHub.Api.V1;
using FacilityHub.Testing;
using Google.Protobuf.WellKnownTypes;

namespace FacilityHub.EndToEnd.Tests;

[Collection(HubCollection.Name)]
public sealed class TelemetryFlowTests(HubFixture hub)
{
    private const string Dishwasher = "facility/riverside/rs-club/rs-club-dishwasher-1/telemetry";

    [Fact]
    public async Task A_published_reading_is_stored_in_influxdb_and_served_as_history_and_current_readings()
    {
        var at = DateTimeOffset.UtcNow.AddSeconds(-5);
        await hub.PublishAsync(Dishwasher, $$$"""{"ts":"{{{at:O}}}","values":{"wash_temp_c":66.5,"rinse_temp_c":84.0,"conveyor_running":1}}""");

        // As README shows it: an InfluxQL query for the item's points.
        long stored = await Eventually.UntilAsync<long>(async () =>
        {
            long n = await hub.Servers.CountInfluxAsync("SELECT count(wash_temp_c) FROM telemetry WHERE equipment = 'rs-club-dishwasher-1' AND site = 'riverside' AND building = 'rs-club'");
            return n > 0 ? n : (long?)null;
        }, TimeSpan.FromSeconds(10), "the reading is in InfluxDB");
        Assert.True(stored >= 1);

        var history = await hub.Telemetry.GetTelemetryHistoryAsync(new GetTelemetryHistoryRequest
        {
            EquipmentId = "rs-club-dishwasher-1",
            Metric = "wash_temp_c",
            StartTime = Timestamp.FromDateTimeOffset(at.AddMinutes(-1)),
        });
        var point = Assert.Single(history.Points, p => p.Time.ToDateTimeOffset() == at.ToUniversalTime().AddTicks(-(at.Ticks % TimeSpan.TicksPerMillisecond)));
        Assert.Equal(66.5, point.Value);
        Assert.Equal("degC", history.Unit);

        var item = await hub.Assets.GetEquipmentAsync(new GetEquipmentRequest { EquipmentId = "rs-club-dishwasher-1" });
        Assert.Equal(66.5, item.Readings.Single(r => r.Metric == "wash_temp_c").Value);
        Assert.Equal("dishwasher", item.Kind);
    }

    [Fact]
    public async Task History_pages_follow_each_other_without_gaps_or_repeats()
    {
        var start = DateTimeOffset.UtcNow.AddMinutes(-30);
        for (int i = 0; i < 7; i++)
        {
            await hub.PublishAsync("facility/riverside/rs-b2/rs-b2-pump-1/telemetry",
                $$$"""{"ts":"{{{start.AddSeconds(i):O}}}","values":{"motor_temp_c":{{{(50 + i).ToString(CultureInfo.InvariantCulture)}}}}}""");
        }
        var request = new GetTelemetryHistoryRequest { EquipmentId = "rs-b2-pump-1", Metric = "motor_temp_c", StartTime = Timestamp.FromDateTimeOffset(start.AddSeconds(-1)), EndTime = Timestamp.FromDateTimeOffset(start.AddSeconds(10)), PageSize = 3 };
        await Eventually.UntilAsync(async () => (await hub.Servers.CountInfluxAsync($"SELECT count(motor_temp_c) FROM telemetry WHERE equipment = 'rs-b2-pump-1' AND time >= '{start.AddSeconds(-1):O}' AND time < '{start.AddSeconds(10):O}'")) == 7,
            TimeSpan.FromSeconds(10), "all seven readings are stored");

        var values = new List<double>();
        int pages = 0;
        do
        {
            var page = await hub.Telemetry.GetTelemetryHistoryAsync(request);
            values.AddRange(page.Points.Select(p => p.Value));
            request.PageToken = page.NextPageToken;
            pages++;
        }
        while (request.PageToken.Length > 0);

        Assert.Equal([50, 51, 52, 53, 54, 55, 56], values);
        Assert.Equal(3, pages);
    }

    [Fact]
    public async Task The_asset_tree_lists_the_sample_estate()
    {
        var tree = await hub.Assets.GetAssetTreeAsync(new GetAssetTreeRequest());

        var site = Assert.Single(tree.Sites);
        Assert.Equal("Riverside Gardens", site.Name);
        Assert.Equal(["rs-b1", "rs-b2", "rs-club", TestTopology.Building], site.Buildings.Select(b => b.BuildingId));
        Assert.Contains(site.Buildings[0].Equipment, e => e.EquipmentId == "rs-b1-pump-1" && e.Kind == "water_pump");
    }

    [Fact]
    public async Task The_hub_answers_the_standard_grpc_health_check()
    {
        var health = new Grpc.Health.V1.Health.HealthClient(hub.Channel);

        var answer = await health.CheckAsync(new Grpc.Health.V1.HealthCheckRequest());

        Assert.Equal(Grpc.Health.V1.HealthCheckResponse.Types.ServingStatus.Serving, answer.Status);
    }
}
