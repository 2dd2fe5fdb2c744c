using FacilityHub.Api.V1;
using FacilityHub.Auth;
using FacilityHub.Dispatch.V1;
using FacilityHub.Testing;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using ApiStatus = FacilityHub.Api.V1.WorkOrderStatus;

namespace FacilityHub.EndToEnd.Tests;

/// <summary>Progress from the dispatch system on the real hub: every kind with its details, repeats harmless, a
/// rejection in the operators' alarm list, and the hub's updates reaching the dispatch system.</summary>
[Collection(HubCollection.Name)]
public sealed class DispatchProgressTests(HubFixture hub)
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    private DispatchProgressService.DispatchProgressServiceClient Dispatch => new(hub.As(HubRoles.Dispatch, "dispatch-simulator"));

    /// <summary>Smoke at a test alarm point: an emergency order, which the simulator accepts.</summary>
    private async Task<FacilityHub.Api.V1.WorkOrder> AcceptedOrderAsync(string equipmentId)
    {
        await hub.PublishAsync(TestTopology.Topic(equipmentId, "event"), """{"event":"zone_tripped","zone":"smoke"}""");
        string id = $"{equipmentId}/zone_tripped/1";
        return await Eventually.UntilAsync(async () =>
        {
            var w = await hub.WorkOrders.GetWorkOrderAsync(new GetWorkOrderRequest { WorkOrderId = id });
            return w.Status == ApiStatus.Accepted ? w : null;
        }, Wait, $"{id} is accepted");
    }

    private static ReportProgressRequest Report(FacilityHub.Api.V1.WorkOrder order, ProgressKind kind, DateTimeOffset at, string reportId) => new()
    {
        ReportId = reportId,
        IdempotencyKey = order.WorkOrderId,
        DispatchOrderId = order.DispatchOrderId,
        Kind = kind,
        OccurredAt = Timestamp.FromDateTimeOffset(at),
        Actor = "team-7",
    };

    private async Task<FacilityHub.Api.V1.WorkOrder> GetAsync(string id) => await hub.WorkOrders.GetWorkOrderAsync(new GetWorkOrderRequest { WorkOrderId = id });

    [Fact]
    public async Task A_repeated_progress_report_is_harmless()
    {
        var order = await AcceptedOrderAsync("t-wo-repeat");
        var enRoute = Report(order, ProgressKind.EnRoute, DateTimeOffset.UtcNow, "repeat-1");
        enRoute.ExpectedArrival = Timestamp.FromDateTimeOffset(DateTimeOffset.UtcNow.AddMinutes(20));

        var first = await Dispatch.ReportProgressAsync(enRoute);
        var stepsAfterFirst = (await GetAsync(order.WorkOrderId)).Steps.Count;
        var again = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => Dispatch.ReportProgressAsync(enRoute).ResponseAsync));

        var now = await GetAsync(order.WorkOrderId);
        Assert.True(first.Recorded);
        Assert.All(again, r => Assert.False(r.Recorded));
        Assert.Equal(stepsAfterFirst, now.Steps.Count);
        Assert.Equal(ApiStatus.EnRoute, now.Status);
        var step = Assert.Single(now.Steps, s => s.Status == ApiStatus.EnRoute);
        Assert.Equal("dispatch-simulator", step.Actor);
        Assert.Contains("expected at", step.Note);
        Assert.Contains("team-7", step.Note);
    }

    [Fact]
    public async Task A_visit_where_nobody_was_home_is_rescheduled_with_its_new_appointment_and_a_late_step_changes_nothing()
    {
        var order = await AcceptedOrderAsync("t-wo-visit");
        var t = DateTimeOffset.UtcNow;
        var appointment = t.AddHours(3);

        await Dispatch.ReportProgressAsync(Report(order, ProgressKind.OnSite, t, "visit-1"));
        var nobodyHome = Report(order, ProgressKind.NobodyHome, t.AddMinutes(5), "visit-2");
        nobodyHome.Note = "card left at the door";
        nobodyHome.Appointment = Timestamp.FromDateTimeOffset(appointment);
        await Dispatch.ReportProgressAsync(nobodyHome);
        await Dispatch.ReportProgressAsync(Report(order, ProgressKind.EnRoute, t.AddMinutes(-10), "visit-late"));

        var rescheduled = await GetAsync(order.WorkOrderId);
        Assert.Equal(ApiStatus.Rescheduled, rescheduled.Status);
        Assert.Equal(appointment.ToUnixTimeMilliseconds(), rescheduled.Appointment.ToDateTimeOffset().ToUnixTimeMilliseconds());
        Assert.Contains("note left: card left at the door", rescheduled.Steps.Single(s => s.Note.StartsWith("NobodyHome", StringComparison.Ordinal)).Note);
        Assert.Contains("late report", rescheduled.Steps.Last().Note);

        await Dispatch.ReportProgressAsync(Report(order, ProgressKind.EnRoute, appointment.AddMinutes(-20), "visit-3"));
        await Dispatch.ReportProgressAsync(Report(order, ProgressKind.OnSite, appointment, "visit-4"));
        var resolved = Report(order, ProgressKind.Resolved, appointment.AddMinutes(40), "visit-5");
        resolved.WorkDone = "replaced the smoke detector head";
        await Dispatch.ReportProgressAsync(resolved);

        var done = await GetAsync(order.WorkOrderId);
        Assert.Equal(ApiStatus.Resolved, done.Status);
        Assert.Contains("replaced the smoke detector head", done.Steps.Last().Note);
    }

    [Theory]
    [InlineData(ProgressKind.Resolved, "work_done")]
    [InlineData(ProgressKind.Rejected, "reason")]
    [InlineData(ProgressKind.Cancelled, "reason")]
    [InlineData(ProgressKind.TeamAssigned, "team")]
    [InlineData(ProgressKind.NobodyHome, "note")]
    [InlineData(ProgressKind.Rescheduled, "appointment")]
    public async Task A_report_without_what_its_kind_must_carry_is_invalid_naming_the_field(ProgressKind kind, string field)
    {
        var request = new ReportProgressRequest { ReportId = $"bad-{kind}", IdempotencyKey = "rs-b1-pump-1/pressure_collapse/1", Kind = kind };

        var e = await Assert.ThrowsAsync<RpcException>(() => Dispatch.ReportProgressAsync(request).ResponseAsync);

        Assert.Equal(StatusCode.InvalidArgument, e.StatusCode);
        Assert.StartsWith($"{field}:", e.Status.Detail);
    }

    [Fact]
    public async Task A_rejected_order_goes_to_the_operators_as_a_high_priority_alarm()
    {
        var order = await AcceptedOrderAsync("t-wo-reject");
        var rejected = Report(order, ProgressKind.Rejected, DateTimeOffset.UtcNow, "reject-1");
        rejected.Reason = "no contractor for fire systems in this estate";

        await Dispatch.ReportProgressAsync(rejected);
        await Dispatch.ReportProgressAsync(rejected);

        var alarm = await Eventually.UntilAsync(async () =>
        {
            var list = await hub.Alarms.ListAlarmsAsync(new ListAlarmsRequest { EquipmentId = "t-wo-reject", Priority = AlarmPriority.High });
            return list.Alarms.FirstOrDefault(a => a.RuleId == "dispatch_rejected");
        }, Wait, "the rejection is in the operators' alarm list");
        Assert.Equal("t-wo-reject/dispatch_rejected/1", alarm.AlarmId);
        Assert.Equal(AlarmState.ReturnedUnacknowledged, alarm.State);
        Assert.Contains(order.WorkOrderId, alarm.Message);
        Assert.Contains("no contractor for fire systems", alarm.Message);
        Assert.Equal(ApiStatus.Rejected, (await GetAsync(order.WorkOrderId)).Status);

        // The operator takes it from there: it can be looked at and acknowledged like any alarm.
        var shown = await hub.Alarms.GetAlarmAsync(new GetAlarmRequest { AlarmId = alarm.AlarmId });
        Assert.Equal(alarm.Message, shown.Message);
        await hub.Alarms.AcknowledgeAlarmsAsync(new AcknowledgeAlarmsRequest { AlarmIds = { alarm.AlarmId } });
        Assert.Equal(AlarmState.Normal, (await hub.Alarms.GetAlarmAsync(new GetAlarmRequest { AlarmId = alarm.AlarmId })).State);
    }

    [Fact]
    public async Task When_the_fault_clears_the_dispatch_system_hears_it_once()
    {
        var order = await AcceptedOrderAsync("t-wo-cleared");

        await hub.PublishAsync(TestTopology.Topic("t-wo-cleared", "event"), """{"event":"zone_restored","zone":"smoke"}""");

        var update = await Eventually.UntilAsync(() => Task.FromResult(
            hub.Dispatch!.Orders.Single(o => o.Order.IdempotencyKey == order.WorkOrderId).Updates.FirstOrDefault()),
            Wait, "the dispatch system has the update");
        Assert.Equal(UpdateKind.FaultCleared, update.Kind);
        await Eventually.UntilAsync(async () => (await GetAsync(order.WorkOrderId)).PendingUpdates == 0, Wait, "the hub knows the update was delivered");
        Assert.Single(hub.Dispatch!.Orders.Single(o => o.Order.IdempotencyKey == order.WorkOrderId).Updates);
    }
}
