using FacilityHub.Api.V1;
using UpdateKind = FacilityHub.Dispatch.V1.UpdateKind;
using FacilityHub.Testing;

namespace FacilityHub.EndToEnd.Tests;

[Collection(HubCollection.Name)]
public sealed class RestartTests(HubFixture hub)
{
    [Fact]
    public async Task After_kill_9_the_alarm_and_work_order_are_still_there_and_dispatch_has_the_order_exactly_once()
    {
        await hub.PublishAsync("facility/riverside/rs-b2/rs-b2-pump-1/telemetry", """{"values":{"outlet_pressure_bar":0.4,"running":1}}""");
        await Eventually.UntilAsync(() => Task.FromResult(hub.Dispatch!.Orders.Any(o => o.Order.EquipmentId == "rs-b2-pump-1")),
            TimeSpan.FromSeconds(10), "the order reaches dispatch");

        // Killed as soon as dispatch has the order: the create call goes out together with the order's write, so the
        // hub may die before it stored the order, the alarm or the answer. Whatever it had not stored comes back: the
        // broker delivers again the reading it never acknowledged, which raises the same occurrence, and so the same order.
        await hub.KillAndRestartHubAsync();

        var alarm = await Eventually.UntilAsync(async () =>
        {
            var list = await hub.Alarms.ListAlarmsAsync(new ListAlarmsRequest { EquipmentId = "rs-b2-pump-1", ConditionActiveOnly = true });
            return list.Alarms.FirstOrDefault(a => a.AlarmId == "rs-b2-pump-1/pressure_collapse/1");
        }, TimeSpan.FromSeconds(20), "the alarm is there after the restart");
        Assert.Equal(AlarmState.ActiveUnacknowledged, alarm.State);
        await Eventually.UntilAsync(async () =>
            (await hub.WorkOrders.GetWorkOrderAsync(new GetWorkOrderRequest { WorkOrderId = alarm.WorkOrderId })).Status != WorkOrderStatus.Raised,
            TimeSpan.FromSeconds(20), "the order is known to be at dispatch after the restart");

        // The pipe is still burst after the restart: the same alarm goes on, no second order is raised.
        await hub.PublishAsync("facility/riverside/rs-b2/rs-b2-pump-1/telemetry", """{"values":{"outlet_pressure_bar":0.3,"running":1}}""");
        await Eventually.UntilAsync(async () =>
            (await hub.Assets.GetEquipmentAsync(new GetEquipmentRequest { EquipmentId = "rs-b2-pump-1" })).Readings.Any(r => r.Metric == "outlet_pressure_bar" && r.Value == 0.3),
            TimeSpan.FromSeconds(10), "the restarted hub has processed the new reading");
        Assert.Single((await hub.WorkOrders.ListWorkOrdersAsync(new ListWorkOrdersRequest { EquipmentId = "rs-b2-pump-1" })).WorkOrders);
        // One order at dispatch; a create call repeated after the crash carried the same key and was recognised.
        var received = Assert.Single(hub.Dispatch!.Orders, o => o.Order.EquipmentId == "rs-b2-pump-1");
        Assert.Equal("rs-b2-pump-1/pressure_collapse/1", received.Order.IdempotencyKey);
    }

    [Fact]
    public async Task An_alarm_stored_while_its_item_kept_no_record_of_it_goes_on_to_its_next_occurrence_after_a_restart()
    {
        // An item raises an alarm it never raised before without reading it first; it knows from its own record. An
        // alarm stored while that record did not name it (data of a hub from before the record) must still be read.
        const string pump = "t-pump-old-record";
        string topic = TestTopology.Topic(pump, "telemetry");
        await hub.PublishAsync(topic, """{"values":{"outlet_pressure_bar":0.4,"running":1}}""");
        await Eventually.UntilAsync(() => Task.FromResult(hub.Dispatch!.Orders.Any(o => o.Order.EquipmentId == pump)),
            TimeSpan.FromSeconds(10), "the first order reaches dispatch");
        await hub.PublishAsync(topic, """{"values":{"outlet_pressure_bar":3.1,"running":1}}""");
        await Eventually.UntilAsync(async () =>
            !(await hub.Alarms.GetAlarmAsync(new GetAlarmRequest { AlarmId = $"{pump}/pressure_collapse/1" })).ConditionActive,
            TimeSpan.FromSeconds(10), "the first occurrence's condition clears");
        // Acknowledged after it cleared, it is over: the next fault is a new occurrence (unacknowledged, it would return).
        var over = await hub.AlarmsAs("alice").AcknowledgeAlarmsAsync(new AcknowledgeAlarmsRequest { AlarmIds = { $"{pump}/pressure_collapse/1" } });
        Assert.Equal(AlarmState.Normal, Assert.Single(over.Alarms).State);

        Assert.Equal(":1", await hub.Servers.RedisAsync("DEL", $"facilityhub/state/equipment/{pump}/raised"));
        await hub.KillAndRestartHubAsync();
        await hub.PublishAsync(topic, """{"values":{"outlet_pressure_bar":0.3,"running":1}}""");

        var alarm = await Eventually.UntilAsync(async () =>
            (await hub.Alarms.ListAlarmsAsync(new ListAlarmsRequest { EquipmentId = pump, ConditionActiveOnly = true })).Alarms.FirstOrDefault(),
            TimeSpan.FromSeconds(10), "the burst after the restart raises the alarm");
        Assert.Equal($"{pump}/pressure_collapse/2", alarm.AlarmId);
        await Eventually.UntilAsync(() => Task.FromResult(hub.Dispatch!.Orders.Any(o => o.Order.IdempotencyKey == $"{pump}/pressure_collapse/2")),
            TimeSpan.FromSeconds(10), "the second occurrence's order reaches dispatch");
        Assert.Equal([$"{pump}/pressure_collapse/1", $"{pump}/pressure_collapse/2"],
            hub.Dispatch!.Orders.Where(o => o.Order.EquipmentId == pump).Select(o => o.Order.IdempotencyKey).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task An_alarm_active_when_the_hub_is_killed_clears_with_the_first_normal_reading_after_the_restart_and_the_crew_hears_it()
    {
        // The restarted hub's item knows nothing of the burst: its first verdict must still reach the stored alarm.
        await hub.PublishAsync(TestTopology.Topic("t-pump-restart", "telemetry"), """{"values":{"outlet_pressure_bar":0.4,"running":1}}""");
        await Eventually.UntilAsync(() => Task.FromResult(hub.Dispatch!.Orders.Any(o => o.Order.EquipmentId == "t-pump-restart")),
            TimeSpan.FromSeconds(10), "the order reaches dispatch");

        await hub.KillAndRestartHubAsync();
        await hub.PublishAsync(TestTopology.Topic("t-pump-restart", "telemetry"), """{"values":{"outlet_pressure_bar":3.1,"running":1}}""");

        var alarm = await Eventually.UntilAsync(async () =>
        {
            var a = await hub.Alarms.GetAlarmAsync(new GetAlarmRequest { AlarmId = "t-pump-restart/pressure_collapse/1" });
            return a.ConditionActive ? null : a;
        }, TimeSpan.FromSeconds(10), "the alarm's condition clears");
        Assert.Contains(alarm.History, s => s.Cause.StartsWith("condition cleared", StringComparison.Ordinal));
        var update = await Eventually.UntilAsync(() => Task.FromResult(
            hub.Dispatch!.Orders.Single(o => o.Order.EquipmentId == "t-pump-restart").Updates.FirstOrDefault(u => u.Kind == UpdateKind.FaultCleared)),
            TimeSpan.FromSeconds(10), "dispatch hears the fault cleared");
        Assert.Contains("outlet_pressure_bar 3.1", update.Note);
    }

    [Fact]
    public async Task An_order_stored_but_not_yet_sent_when_the_hub_is_killed_is_sent_once_after_the_restart()
    {
        await hub.StopDispatchAsync();
        await hub.PublishAsync("facility/riverside/rs-b1/rs-b1-alarm-1203/event", """{"event":"zone_tripped","zone":"gas"}""");
        await Eventually.UntilAsync(async () =>
            (await hub.WorkOrders.ListWorkOrdersAsync(new ListWorkOrdersRequest { EquipmentId = "rs-b1-alarm-1203" })).WorkOrders.Any(w => w.SendAttempts >= 1),
            TimeSpan.FromSeconds(10), "the order is stored and its first attempt failed");

        await hub.KillAndRestartHubAsync();
        await hub.StartDispatchAsync();

        var received = await Eventually.UntilAsync(
            () => Task.FromResult(hub.Dispatch!.Orders.FirstOrDefault(o => o.Order.EquipmentId == "rs-b1-alarm-1203")),
            TimeSpan.FromSeconds(40), "the restarted hub sends the stored order");
        Assert.Equal("rs-b1-alarm-1203/zone_tripped/1", received.Order.IdempotencyKey);
        Assert.Equal(1, received.CreateCalls);
        var order = await Eventually.UntilAsync(async () =>
        {
            var w = await hub.WorkOrders.GetWorkOrderAsync(new GetWorkOrderRequest { WorkOrderId = "rs-b1-alarm-1203/zone_tripped/1" });
            return w.Status != WorkOrderStatus.Raised ? w : null;
        }, TimeSpan.FromSeconds(10), "the hub records the order as sent");
        Assert.Equal(received.DispatchOrderId, order.DispatchOrderId);
    }
}
