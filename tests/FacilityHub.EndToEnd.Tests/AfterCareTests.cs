using FacilityHub.Api.V1;
using FacilityHub.Auth;
using FacilityHub.Cli;
using FacilityHub.Dispatch.V1;
using FacilityHub.Testing;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using ApiStatus = FacilityHub.Api.V1.WorkOrderStatus;

namespace FacilityHub.EndToEnd.Tests;

/// <summary>After the repair on the real hub, with the verification window cut to seconds: a fault back within it
/// reopens the same order, a steady device verifies it, customer service's follow-up call closes or reopens it, and
/// the end-of-day list says why each order is still open.</summary>
[Collection(HubCollection.Name)]
public sealed class AfterCareTests(HubFixture hub)
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    private DispatchProgressService.DispatchProgressServiceClient Dispatch => new(hub.As(HubRoles.Dispatch, "dispatch-simulator"));

    private WorkOrderService.WorkOrderServiceClient CustomerService(string name) => new(hub.As(HubRoles.CustomerService, name));

    private Task Trip(string equipmentId) => hub.PublishAsync(TestTopology.Topic(equipmentId, "event"), """{"event":"zone_tripped","zone":"smoke"}""");

    private Task Restore(string equipmentId) => hub.PublishAsync(TestTopology.Topic(equipmentId, "event"), """{"event":"zone_restored","zone":"smoke"}""");

    private async Task<FacilityHub.Api.V1.WorkOrder> GetAsync(string id) => await hub.WorkOrders.GetWorkOrderAsync(new GetWorkOrderRequest { WorkOrderId = id });

    private Task<FacilityHub.Api.V1.WorkOrder> UntilAsync(string id, ApiStatus status) =>
        Eventually.UntilAsync(async () => await GetAsync(id) is { } w && w.Status == status ? w : null, Wait, $"{id} is {status}");

    /// <summary>Smoke at a test alarm point until the simulator accepts the order; the smoke then clears.</summary>
    private async Task<FacilityHub.Api.V1.WorkOrder> AcceptedOrderAsync(string equipmentId)
    {
        await Trip(equipmentId);
        return await UntilAsync($"{equipmentId}/zone_tripped/1", ApiStatus.Accepted);
    }

    private async Task ReportAsync(FacilityHub.Api.V1.WorkOrder order, ProgressKind kind, string reportId)
    {
        var report = new ReportProgressRequest
        {
            ReportId = reportId, IdempotencyKey = order.WorkOrderId, DispatchOrderId = order.DispatchOrderId, Kind = kind,
            OccurredAt = Timestamp.FromDateTimeOffset(DateTimeOffset.UtcNow), Actor = "team-3",
        };
        if (kind == ProgressKind.Resolved) report.WorkDone = "replaced the detector head";
        await Dispatch.ReportProgressAsync(report);
    }

    private Task<UpdateWorkOrderRequest> DispatchHearsAsync(string id, UpdateKind kind, int count = 1) =>
        Eventually.UntilAsync(() => Task.FromResult(
            hub.Dispatch!.Orders.Single(o => o.Order.IdempotencyKey == id).Updates.Where(u => u.Kind == kind).Skip(count - 1).FirstOrDefault()),
            Wait, $"the dispatch system hears {kind} #{count} about {id}");

    [Fact]
    public async Task A_fault_back_before_verification_reopens_the_same_order_and_a_device_reading_normal_then_verifies_it()
    {
        var order = await AcceptedOrderAsync("t-wo-verify");
        await Restore("t-wo-verify");
        await Eventually.UntilAsync(async () => (await hub.Alarms.GetAlarmAsync(new GetAlarmRequest { AlarmId = order.AlarmId })).ConditionActive == false, Wait, "the smoke clears");
        // Acknowledged, the alarm is over: the smoke coming back is a new occurrence.
        await hub.Alarms.AcknowledgeAlarmsAsync(new AcknowledgeAlarmsRequest { AlarmIds = { order.AlarmId } });
        await ReportAsync(order, ProgressKind.Resolved, "verify-1");
        var resolved = await GetAsync(order.WorkOrderId);
        Assert.Equal(ApiStatus.Resolved, resolved.Status);
        Assert.NotNull(resolved.VerificationDue);

        await Trip("t-wo-verify");

        var reopened = await UntilAsync(order.WorkOrderId, ApiStatus.Reopened);
        Assert.Contains(reopened.Steps, s => s.Status == ApiStatus.Reopened && s.Actor == "hub" && s.Note.StartsWith("fault returned", StringComparison.Ordinal));
        var again = await Eventually.UntilAsync(async () =>
            (await hub.Alarms.ListAlarmsAsync(new ListAlarmsRequest { EquipmentId = "t-wo-verify" })).Alarms.FirstOrDefault(a => a.AlarmId == "t-wo-verify/zone_tripped/2"),
            Wait, "the returned smoke is a new alarm occurrence");
        Assert.Equal(order.WorkOrderId, again.WorkOrderId);
        var none = await Assert.ThrowsAsync<RpcException>(() => hub.WorkOrders.GetWorkOrderAsync(new GetWorkOrderRequest { WorkOrderId = "t-wo-verify/zone_tripped/2" }).ResponseAsync);
        Assert.Equal(StatusCode.NotFound, none.StatusCode);
        Assert.Single(hub.Dispatch!.Orders, o => o.Order.EquipmentId == "t-wo-verify");
        await DispatchHearsAsync(order.WorkOrderId, UpdateKind.Reopened);

        // The crew comes back and fixes it; the device then reads normal for the window.
        await ReportAsync(order, ProgressKind.OnSite, "verify-2");
        await ReportAsync(order, ProgressKind.Resolved, "verify-3");
        Assert.Null((await GetAsync(order.WorkOrderId)).VerificationDue); // the smoke is still there
        await Restore("t-wo-verify");

        var verified = await UntilAsync(order.WorkOrderId, ApiStatus.Verified);
        var clearedAt = await Eventually.UntilAsync(async () => (await hub.Alarms.GetAlarmAsync(new GetAlarmRequest { AlarmId = again.AlarmId })).ClearedAt, Wait, "the alarm shows cleared");
        var waited = verified.VerifiedAt.ToDateTimeOffset() - clearedAt.ToDateTimeOffset();
        Assert.True(waited >= TestTopology.VerifyWindow && waited < TestTopology.VerifyWindow + TimeSpan.FromSeconds(1), $"verified {waited.TotalMilliseconds:0} ms after the device read normal");
        Assert.Equal(verified.VerifiedAt.ToDateTimeOffset() + TimeSpan.FromDays(2), verified.FollowUpDue.ToDateTimeOffset());
    }

    [Fact]
    public async Task Customer_service_s_follow_up_call_reopens_an_order_the_customer_is_unhappy_with_and_closes_one_they_are_happy_with()
    {
        var order = await AcceptedOrderAsync("t-wo-followup");
        await Restore("t-wo-followup");
        await ReportAsync(order, ProgressKind.Resolved, "followup-1");
        await UntilAsync(order.WorkOrderId, ApiStatus.Verified);
        var carol = CustomerService("carol");

        var task = Assert.Single((await carol.ListFollowUpsAsync(new ListFollowUpsRequest { SiteId = "riverside" })).FollowUps, f => f.WorkOrderId == order.WorkOrderId);
        Assert.False(task.Overdue);
        Assert.Equal(task.VerifiedAt.ToDateTimeOffset() + TimeSpan.FromDays(2), task.Due.ToDateTimeOffset());

        var unhappy = await carol.RecordFollowUpAsync(new RecordFollowUpRequest { WorkOrderId = order.WorkOrderId, Satisfied = false, Remark = "alarm still beeps at night" });
        Assert.Equal(ApiStatus.Reopened, unhappy.Status);
        Assert.Contains(unhappy.Steps, s => s.Status == ApiStatus.FollowedUp && s.Actor == "carol" && s.Note == "not satisfied: alarm still beeps at night");
        Assert.DoesNotContain((await carol.ListFollowUpsAsync(new ListFollowUpsRequest())).FollowUps, f => f.WorkOrderId == order.WorkOrderId);
        var update = await DispatchHearsAsync(order.WorkOrderId, UpdateKind.Reopened);
        Assert.Contains("not satisfied", update.Note);

        await ReportAsync(order, ProgressKind.Resolved, "followup-2");
        await UntilAsync(order.WorkOrderId, ApiStatus.Verified);
        var happy = await carol.RecordFollowUpAsync(new RecordFollowUpRequest { WorkOrderId = order.WorkOrderId, Satisfied = true, Remark = "fine now" });

        Assert.Equal(ApiStatus.Closed, happy.Status);
        Assert.Equal([false, true], happy.FollowUps.Select(f => f.Satisfied));
        var twice = await Assert.ThrowsAsync<RpcException>(() => carol.RecordFollowUpAsync(new RecordFollowUpRequest { WorkOrderId = order.WorkOrderId, Satisfied = true }).ResponseAsync);
        Assert.Equal(StatusCode.FailedPrecondition, twice.StatusCode);
        var unsigned = await hub.WorkOrders.ListUnsignedWorkOrdersAsync(new ListUnsignedWorkOrdersRequest());
        Assert.DoesNotContain(unsigned.WorkOrders, w => w.WorkOrder.WorkOrderId == order.WorkOrderId);
    }

    [Fact]
    public async Task The_end_of_day_list_gives_each_unsigned_order_its_reason_and_expected_completion_also_through_fhub()
    {
        var order = await AcceptedOrderAsync("t-wo-unsigned");
        await ReportAsync(order, ProgressKind.EnRoute, "unsigned-1");
        await UntilAsync(order.WorkOrderId, ApiStatus.EnRoute);

        var row = Assert.Single((await hub.WorkOrders.ListUnsignedWorkOrdersAsync(new ListUnsignedWorkOrdersRequest { SiteId = "riverside" })).WorkOrders,
            w => w.WorkOrder.WorkOrderId == order.WorkOrderId);
        Assert.Equal("crew en route", row.Reason);
        Assert.Equal(order.CreatedAt.ToDateTimeOffset() + TimeSpan.FromHours(24), row.ExpectedCompletion.ToDateTimeOffset()); // emergency resolution limit
        Assert.False(row.Overdue);

        var stdout = new StringWriter();
        var stderr = new StringWriter();
        int code = await FhubCli.RunAsync(["workorders", "unsigned", "--site", "riverside"], stdout, stderr, hub.FhubAs(HubRoles.Operator, "dave"));
        Assert.True(code == 0, stderr.ToString());
        var line = Assert.Single(stdout.ToString().Split('\n'), l => l.Contains(order.WorkOrderId));
        Assert.Contains("crew en route", line);
        Assert.Contains(Display(row.ExpectedCompletion), line);
    }

    [Fact]
    public async Task An_operator_cancels_an_order_the_dispatch_system_is_told_once_and_it_leaves_the_end_of_day_list()
    {
        var order = await AcceptedOrderAsync("t-wo-cancel");
        var olga = new WorkOrderService.WorkOrderServiceClient(hub.As(HubRoles.Operator, "olga"));

        var noReason = await Assert.ThrowsAsync<RpcException>(() => olga.CancelWorkOrderAsync(new CancelOrderRequest { WorkOrderId = order.WorkOrderId }).ResponseAsync);
        Assert.Equal((StatusCode.InvalidArgument, "reason: is required"), (noReason.StatusCode, noReason.Status.Detail));
        var cancelled = await olga.CancelWorkOrderAsync(new CancelOrderRequest { WorkOrderId = order.WorkOrderId, Reason = "false alarm: panel being tested" });

        Assert.Equal(ApiStatus.Cancelled, cancelled.Status);
        Assert.Contains(cancelled.Steps, s => s.Status == ApiStatus.Cancelled && s.Actor == "olga" && s.Note == "false alarm: panel being tested");
        var atDispatch = await Eventually.UntilAsync(
            () => Task.FromResult(hub.Dispatch!.Orders.FirstOrDefault(o => o.Order.IdempotencyKey == order.WorkOrderId && o.Cancellation is not null)),
            Wait, "the dispatch system has the cancellation");
        Assert.Equal(("olga", "false alarm: panel being tested"), (atDispatch.Cancellation.CancelledBy, atDispatch.Cancellation.Reason));
        var twice = await Assert.ThrowsAsync<RpcException>(() => olga.CancelWorkOrderAsync(new CancelOrderRequest { WorkOrderId = order.WorkOrderId, Reason = "again" }).ResponseAsync);
        Assert.Equal(StatusCode.FailedPrecondition, twice.StatusCode);
        var unsigned = await hub.WorkOrders.ListUnsignedWorkOrdersAsync(new ListUnsignedWorkOrdersRequest());
        Assert.DoesNotContain(unsigned.WorkOrders, w => w.WorkOrder.WorkOrderId == order.WorkOrderId);
    }

    private static string Display(Timestamp t) => t.ToDateTimeOffset().UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);
}
