using System.Diagnostics;
using FacilityHub.Api.V1;
using FacilityHub.Dispatch.V1;
using FacilityHub.Testing;

namespace FacilityHub.EndToEnd.Tests;

[Collection(HubCollection.Name)]
public sealed class FaultToWorkOrderTests(HubFixture hub)
{
    private const string Pump1 = "facility/riverside/rs-b1/rs-b1-pump-1/telemetry";

    [Fact]
    public async Task A_burst_pipe_raises_one_emergency_alarm_and_exactly_one_work_order_at_dispatch_within_a_second()
    {
        await hub.PublishAsync(Pump1, """{"values":{"outlet_pressure_bar":4.6,"flow_m3h":31,"running":1}}""");
        var clock = Stopwatch.StartNew();
        await hub.PublishAsync(Pump1, """{"values":{"outlet_pressure_bar":0.3,"flow_m3h":80,"running":1}}""");

        var received = await Eventually.UntilAsync(
            () => Task.FromResult(hub.Dispatch!.Orders.FirstOrDefault(o => o.Order.EquipmentId == "rs-b1-pump-1")),
            TimeSpan.FromSeconds(5), "the dispatch simulator has the pump's work order");
        var delay = clock.Elapsed;
        // More low readings while the alarm is active must not raise more orders.
        await hub.PublishAsync(Pump1, """{"values":{"outlet_pressure_bar":0.2,"flow_m3h":82,"running":1}}""");

        Assert.True(delay < TimeSpan.FromSeconds(1), $"fault to work order took {delay.TotalMilliseconds:0} ms");
        var order = received.Order;
        Assert.Equal("riverside", order.SiteId);
        Assert.Equal("rs-b1", order.BuildingId);
        Assert.Equal("Building 1", order.BuildingName);
        Assert.Equal("water_pump", order.EquipmentKind);
        Assert.Equal("burst_pipe", order.FaultCode);
        Assert.Equal(WorkOrderPriority.Emergency, order.Priority);
        Assert.Equal("rs-b1-pump-1/pressure_collapse/1", order.IdempotencyKey);
        Assert.Contains("0.3 bar", order.Description);

        // One emergency (the collapse raises the order); the fast pressure drop before it is a high-priority warning.
        var alarms = await hub.Alarms.ListAlarmsAsync(new ListAlarmsRequest { EquipmentId = "rs-b1-pump-1", ConditionActiveOnly = true });
        var alarm = Assert.Single(alarms.Alarms, a => a.Priority == AlarmPriority.Emergency);
        Assert.Equal("pressure_collapse", alarm.RuleId);
        Assert.Equal(order.IdempotencyKey, alarm.WorkOrderId);

        // The dispatch simulator reports ACCEPTED back; the hub's order follows.
        var accepted = await Eventually.UntilAsync(async () =>
        {
            var w = await hub.WorkOrders.GetWorkOrderAsync(new GetWorkOrderRequest { WorkOrderId = order.IdempotencyKey });
            return w.Status == FacilityHub.Api.V1.WorkOrderStatus.Accepted ? w : null;
        }, TimeSpan.FromSeconds(10), "the hub's work order is accepted");
        Assert.Equal(received.DispatchOrderId, accepted.DispatchOrderId);
        // Recorded as done by the dispatch system's authenticated identity (its token's name).
        Assert.Equal("dispatch-simulator", Assert.Single(accepted.Steps, s => s.Status == FacilityHub.Api.V1.WorkOrderStatus.Accepted).Actor);
        // The create call goes out with the order's write, so dispatch may accept before the hub has taken the call's
        // answer: the answer is taken first all the same, and the record reads in the order things happened.
        Assert.Equal(
            [FacilityHub.Api.V1.WorkOrderStatus.Raised, FacilityHub.Api.V1.WorkOrderStatus.Sent, FacilityHub.Api.V1.WorkOrderStatus.Accepted],
            accepted.Steps.Select(s => s.Status).Take(3));
        Assert.Contains($"Work order {order.IdempotencyKey} handed to dispatch", hub.HubLog);
        Assert.Equal(1, hub.Dispatch!.Orders.Count(o => o.Order.EquipmentId == "rs-b1-pump-1"));
        Assert.Equal(1, received.CreateCalls);
    }

    [Fact]
    public async Task While_dispatch_is_down_the_order_waits_in_the_hub_and_arrives_once_when_it_is_back()
    {
        await hub.StopDispatchAsync();
        try
        {
            await hub.PublishAsync("facility/riverside/rs-b2/rs-b2-alarm-0501/event", """{"event":"zone_tripped","zone":"smoke"}""");
            const string id = "rs-b2-alarm-0501/zone_tripped/1";
            var waiting = await Eventually.UntilAsync(async () =>
            {
                var list = await hub.WorkOrders.ListWorkOrdersAsync(new FacilityHub.Api.V1.ListWorkOrdersRequest { EquipmentId = "rs-b2-alarm-0501" });
                return list.WorkOrders.FirstOrDefault(w => w.WorkOrderId == id && w.SendAttempts >= 2);
            }, TimeSpan.FromSeconds(10), "the order has been tried more than once");
            Assert.Equal(FacilityHub.Api.V1.WorkOrderStatus.Raised, waiting.Status);
            Assert.Contains("Unavailable", waiting.LastError);
        }
        finally
        {
            await hub.StartDispatchAsync();
        }

        var received = await Eventually.UntilAsync(
            () => Task.FromResult(hub.Dispatch!.Orders.FirstOrDefault(o => o.Order.EquipmentId == "rs-b2-alarm-0501")),
            TimeSpan.FromSeconds(15), "the order reaches the dispatch system after it comes back");
        Assert.Equal("home_alarm", received.Order.FaultCode);
        Assert.Equal(WorkOrderPriority.Emergency, received.Order.Priority);
        Assert.Equal("Room 501", received.Order.Location); // the crew needs the room...
        Assert.DoesNotContain("Room 501", hub.HubLog);      // ...the hub's log never has it
        Assert.Single(hub.Dispatch!.Orders, o => o.Order.EquipmentId == "rs-b2-alarm-0501");
    }
}
