using System.Text;
using FacilityHub.Api.V1;
using FacilityHub.Testing;
using Grpc.Core;

namespace FacilityHub.EndToEnd.Tests;

[Collection(HubCollection.Name)]
public sealed class BadInputTests(HubFixture hub)
{
    private async Task<long> Rejected(string reason) =>
        (await hub.Telemetry.GetIngestionStatsAsync(new GetIngestionStatsRequest())).Rejected.GetValueOrDefault(reason);

    private async Task<long> StoredFlow(string marker) =>
        await hub.Servers.CountInfluxAsync($"SELECT count(flow_m3h) FROM telemetry WHERE equipment = 'rs-b1-pump-2' AND flow_m3h = {marker}");

    [Fact]
    public async Task Malformed_unknown_impossible_and_oversized_messages_are_counted_and_the_good_data_around_them_is_stored()
    {
        var before = await hub.Telemetry.GetIngestionStatsAsync(new GetIngestionStatsRequest());
        const string pump = "facility/riverside/rs-b1/rs-b1-pump-2/telemetry";

        await hub.PublishAsync(pump, """{"values":{"flow_m3h":1""");                                    // malformed JSON
        await hub.PublishAsync("facility/riverside/rs-b1/no-such-pump/telemetry", """{"values":{"flow_m3h":1}}"""); // unknown device
        await hub.PublishAsync("facility/riverside/rs-b2/rs-b1-pump-2/telemetry", """{"values":{"flow_m3h":1}}""");  // known id, wrong building
        await hub.PublishAsync(pump, """{"values":{"flow_m3h":"lots"}}""");                              // not a number
        await hub.PublishAsync(pump, """{"values":{"motor_temp_c":9000,"flow_m3h":12.345}}""");          // impossible value beside a good one
        await hub.PublishAsync(pump, Encoding.UTF8.GetBytes("{\"values\":{\"flow_m3h\":1},\"pad\":\"" + new string('x', 20_000) + "\"}")); // oversized
        await hub.PublishAsync("facility/riverside/rs-b1/rs-b1-pump-2/status", "{}");                     // not a topic of the scheme
        await hub.PublishAsync(pump, """{"values":{"flow_m3h":23.456}}""");                              // and then a good message

        await Eventually.UntilAsync(async () => await StoredFlow("23.456") == 1, TimeSpan.FromSeconds(10), "the good message after the bad ones is stored");
        // The plausible value of the half-bad message is kept (its write may land after the later message's).
        await Eventually.UntilAsync(async () => await StoredFlow("12.345") == 1, TimeSpan.FromSeconds(10), "the plausible value of the half-bad message is stored");
        Assert.Equal(0, await hub.Servers.CountInfluxAsync("SELECT count(motor_temp_c) FROM telemetry WHERE motor_temp_c > 1000"));

        var after = await hub.Telemetry.GetIngestionStatsAsync(new GetIngestionStatsRequest());
        long Delta(string reason) => after.Rejected.GetValueOrDefault(reason) - before.Rejected.GetValueOrDefault(reason);
        Assert.Equal(1, Delta("malformed_json"));
        Assert.Equal(2, Delta("unknown_device"));
        Assert.Equal(1, Delta("not_a_number"));
        Assert.Equal(1, Delta("out_of_range"));
        Assert.Equal(1, Delta("oversized"));
        Assert.Equal(1, Delta("bad_topic"));
        Assert.Contains("Rejected MQTT input (OutOfRange)", hub.HubLog);
    }

    [Fact]
    public async Task Invalid_grpc_requests_get_invalid_argument_naming_the_field()
    {
        async Task<RpcException> Fails(Func<Task> call) => await Assert.ThrowsAsync<RpcException>(call);

        var noMetric = await Fails(() => hub.Telemetry.GetTelemetryHistoryAsync(new GetTelemetryHistoryRequest { EquipmentId = "rs-b1-pump-1", Metric = "colour" }).ResponseAsync);
        Assert.Equal(StatusCode.InvalidArgument, noMetric.StatusCode);
        Assert.StartsWith("metric:", noMetric.Status.Detail);

        var noId = await Fails(() => hub.Assets.GetEquipmentAsync(new GetEquipmentRequest()).ResponseAsync);
        Assert.Equal(StatusCode.InvalidArgument, noId.StatusCode);
        Assert.StartsWith("equipment_id:", noId.Status.Detail);

        var badPage = await Fails(() => hub.Alarms.ListAlarmsAsync(new ListAlarmsRequest { PageSize = -1 }).ResponseAsync);
        Assert.Equal(StatusCode.InvalidArgument, badPage.StatusCode);
        Assert.StartsWith("page_size:", badPage.Status.Detail);

        var badToken = await Fails(() => hub.WorkOrders.ListWorkOrdersAsync(new ListWorkOrdersRequest { PageToken = "abc" }).ResponseAsync);
        Assert.StartsWith("page_token:", badToken.Status.Detail);

        var badWorkOrder = await Fails(() => hub.WorkOrders.GetWorkOrderAsync(new GetWorkOrderRequest { WorkOrderId = "../../etc" }).ResponseAsync);
        Assert.Equal(StatusCode.InvalidArgument, badWorkOrder.StatusCode);
        Assert.StartsWith("work_order_id:", badWorkOrder.Status.Detail);

        var backwards = await Fails(() => hub.Telemetry.GetTelemetryHistoryAsync(new GetTelemetryHistoryRequest
        {
            EquipmentId = "rs-b1-pump-1", Metric = "flow_m3h",
            StartTime = Google.Protobuf.WellKnownTypes.Timestamp.FromDateTimeOffset(DateTimeOffset.UtcNow),
            EndTime = Google.Protobuf.WellKnownTypes.Timestamp.FromDateTimeOffset(DateTimeOffset.UtcNow.AddHours(-1)),
        }).ResponseAsync);
        Assert.StartsWith("start_time:", backwards.Status.Detail);

        var unknown = await Fails(() => hub.Assets.GetEquipmentAsync(new GetEquipmentRequest { EquipmentId = "rs-b9-pump-9" }).ResponseAsync);
        Assert.Equal(StatusCode.NotFound, unknown.StatusCode);
    }
}
