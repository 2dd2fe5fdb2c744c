using FacilityHub.Api.V1;
using FacilityHub.Dispatch.V1;
using FacilityHub.Testing;
using Google.Protobuf.WellKnownTypes;

namespace FacilityHub.EndToEnd.Tests;

/// <summary>The shipped rules through real mosquitto on the real hub; the test building's items have short
/// delays (<see cref="TestTopology"/>), the rules are otherwise those of deploy/topology.json.</summary>
[Collection(HubCollection.Name)]
public sealed class RuleEngineTests(HubFixture hub)
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(15);

    [Fact]
    public async Task A_pump_running_dry_raises_a_high_alarm_once_the_on_delay_has_passed_and_a_work_order_reaches_dispatch()
    {
        await hub.PublishAsync(TestTopology.Topic("t-pump-dry"), """{"values":{"outlet_pressure_bar":4.5,"flow_m3h":30,"running":1}}""");
        var noFlowAt = DateTimeOffset.UtcNow;
        await hub.PublishAsync(TestTopology.Topic("t-pump-dry"), """{"values":{"outlet_pressure_bar":2.5,"flow_m3h":0,"running":1}}""");

        var alarm = await AlarmAsync("t-pump-dry", "dry_run");
        var order = await Eventually.UntilAsync(
            () => Task.FromResult(hub.Dispatch!.Orders.FirstOrDefault(o => o.Order.EquipmentId == "t-pump-dry")),
            Deadline, "the dry-run order reaches dispatch");

        Assert.Equal(AlarmPriority.High, alarm.Priority);
        Assert.True(alarm.RaisedAt.ToDateTimeOffset() - noFlowAt >= TimeSpan.FromSeconds(0.9), "raised only after the 1 s on-delay");
        Assert.Equal(WorkOrderPriority.Major, order.Order.Priority);
        Assert.Equal("dry_run", order.Order.FaultCode);
    }

    [Fact]
    public async Task A_dishwasher_rinse_too_cold_while_the_conveyor_runs_raises_an_alarm_and_a_work_order()
    {
        await hub.PublishAsync(TestTopology.Topic("t-dishwasher"), """{"values":{"wash_temp_c":65,"rinse_temp_c":79.5,"conveyor_running":1}}""");

        var alarm = await AlarmAsync("t-dishwasher", "rinse_temp_low");

        Assert.Equal("rinse_too_cold", alarm.FaultCode);
        Assert.Equal("rinse_temp_c 79.5 degC (below 82)", alarm.Message);
        Assert.Equal(alarm.AlarmId, alarm.WorkOrderId);
    }

    [Fact]
    public async Task An_intrusion_on_a_disarmed_panel_raises_nothing_but_once_armed_it_is_an_emergency()
    {
        const string Panel = "t-alarm-arming";
        await hub.PublishAsync(TestTopology.Topic(Panel, "event"), """{"event":"disarmed"}""");
        await hub.PublishAsync(TestTopology.Topic(Panel, "event"), """{"event":"zone_tripped","zone":"intrusion"}""");
        // Smoke after it, on the same rule: had the intrusion counted, this would be the same alarm, tripped by intrusion.
        await hub.PublishAsync(TestTopology.Topic(Panel, "event"), """{"event":"zone_tripped","zone":"smoke"}""");

        var smoke = await AlarmAsync(Panel, "zone_tripped");
        Assert.Equal("zone_tripped (smoke)", smoke.Message);

        await hub.PublishAsync(TestTopology.Topic(Panel, "event"), """{"event":"zone_restored","zone":"smoke"}""");
        await Eventually.UntilAsync(async () => !(await hub.Alarms.GetAlarmAsync(new GetAlarmRequest { AlarmId = smoke.AlarmId })).ConditionActive, Deadline, "smoke restored");
        await hub.AlarmsAs("erin").AcknowledgeAlarmsAsync(new AcknowledgeAlarmsRequest { AlarmIds = { smoke.AlarmId } });
        await hub.PublishAsync(TestTopology.Topic(Panel, "event"), """{"event":"armed"}""");
        await hub.PublishAsync(TestTopology.Topic(Panel, "event"), """{"event":"zone_tripped","zone":"intrusion"}""");

        var intrusion = await Eventually.UntilAsync(async () =>
            (await hub.Alarms.ListAlarmsAsync(new ListAlarmsRequest { EquipmentId = Panel, ConditionActiveOnly = true })).Alarms.FirstOrDefault(a => a.Message == "zone_tripped (intrusion)"),
            Deadline, "the armed panel's intrusion alarm");
        Assert.Equal(AlarmPriority.Emergency, intrusion.Priority);
        Assert.EndsWith("/2", intrusion.AlarmId);
    }

    [Fact]
    public async Task A_pump_that_falls_silent_is_reported_offline_by_the_hub_s_clock_and_back_online_with_its_next_message()
    {
        await hub.PublishAsync(TestTopology.Topic("t-pump-quiet"), """{"values":{"outlet_pressure_bar":4.5,"flow_m3h":30,"running":1}}""");

        // Nothing more is sent: only a timer can find it.
        var offline = await AlarmAsync("t-pump-quiet", "offline");
        Assert.Equal("device_offline", offline.FaultCode);
        Assert.Equal(AlarmPriority.Medium, offline.Priority);
        Assert.StartsWith("no message for 2 s", offline.Message);

        await hub.PublishAsync(TestTopology.Topic("t-pump-quiet"), """{"values":{"outlet_pressure_bar":4.5,"flow_m3h":30,"running":1}}""");
        await Eventually.UntilAsync(async () => !(await hub.Alarms.GetAlarmAsync(new GetAlarmRequest { AlarmId = offline.AlarmId })).ConditionActive,
            Deadline, "the pump's next message clears the offline condition");
    }

    [Fact]
    public async Task Pressure_chattering_around_the_limit_gives_one_alarm_and_one_work_order_thanks_to_the_deadband()
    {
        for (int i = 0; i < 12; i++)
        {
            string pressure = i % 2 == 0 ? "0.9" : "1.3";
            await hub.PublishAsync(TestTopology.Topic("t-pump-chatter"), "{\"values\":{\"outlet_pressure_bar\":" + pressure + ",\"flow_m3h\":30,\"running\":1}}");
        }
        await hub.PublishAsync(TestTopology.Topic("t-pump-chatter"), """{"values":{"outlet_pressure_bar":1.4,"flow_m3h":31,"running":1}}""");
        await Eventually.UntilAsync(async () =>
            (await hub.Assets.GetEquipmentAsync(new GetEquipmentRequest { EquipmentId = "t-pump-chatter" })).Readings.Any(r => r.Metric == "flow_m3h" && r.Value == 31),
            Deadline, "the hub has processed every reading");

        var alarms = (await hub.Alarms.ListAlarmsAsync(new ListAlarmsRequest { EquipmentId = "t-pump-chatter" })).Alarms.Where(a => a.RuleId == "pressure_collapse").ToList();
        var alarm = Assert.Single(alarms);
        Assert.True(alarm.ConditionActive);
        Assert.DoesNotContain((await hub.Alarms.GetAlarmAsync(new GetAlarmRequest { AlarmId = alarm.AlarmId })).History, s => s.Cause.StartsWith("condition cleared", StringComparison.Ordinal));
        Assert.Single(hub.Dispatch!.Orders, o => o.Order.EquipmentId == "t-pump-chatter");
    }

    [Fact]
    public async Task After_kill_9_alarms_in_every_state_come_back_in_the_same_state_with_their_records_and_no_second_order()
    {
        // a: active unacknowledged; b: active acknowledged; c: returned unacknowledged; d: shelved; e: normal; f: out of service.
        foreach (var panel in new[] { "t-alarm-a", "t-alarm-b", "t-alarm-c", "t-alarm-d", "t-alarm-e", "t-alarm-f" })
        {
            await hub.PublishAsync(TestTopology.Topic(panel, "event"), """{"event":"zone_tripped","zone":"panic"}""");
        }
        var a = await AlarmAsync("t-alarm-a", "zone_tripped");
        var b = await AlarmAsync("t-alarm-b", "zone_tripped");
        var c = await AlarmAsync("t-alarm-c", "zone_tripped");
        var d = await AlarmAsync("t-alarm-d", "zone_tripped");
        var e = await AlarmAsync("t-alarm-e", "zone_tripped");
        var f = await AlarmAsync("t-alarm-f", "zone_tripped");
        await hub.AlarmsAs("frank").RemoveAlarmFromServiceAsync(new RemoveAlarmFromServiceRequest { AlarmId = f.AlarmId, Reason = "detector broken, replacement ordered" });
        await hub.AlarmsAs("frank").AcknowledgeAlarmsAsync(new AcknowledgeAlarmsRequest { AlarmIds = { b.AlarmId, e.AlarmId } });
        await hub.AlarmsAs("frank").ShelveAlarmAsync(new ShelveAlarmRequest { AlarmId = d.AlarmId, Reason = "resident testing the panel", Duration = Duration.FromTimeSpan(TimeSpan.FromHours(1)) });
        await hub.PublishAsync(TestTopology.Topic("t-alarm-c", "event"), """{"event":"zone_restored","zone":"panic"}""");
        await hub.PublishAsync(TestTopology.Topic("t-alarm-e", "event"), """{"event":"zone_restored","zone":"panic"}""");
        var ids = new[] { a.AlarmId, b.AlarmId, c.AlarmId, d.AlarmId, e.AlarmId, f.AlarmId };
        var expected = new[] { AlarmState.ActiveUnacknowledged, AlarmState.ActiveAcknowledged, AlarmState.ReturnedUnacknowledged, AlarmState.Shelved, AlarmState.Normal, AlarmState.OutOfService };
        var before = await Eventually.UntilAsync(async () =>
        {
            var now = await Task.WhenAll(ids.Select(id => hub.Alarms.GetAlarmAsync(new GetAlarmRequest { AlarmId = id }).ResponseAsync));
            return now.Select(x => x.State).SequenceEqual(expected) ? now : null;
        }, Deadline, "the six alarms reach their states");
        await Eventually.UntilAsync(() => Task.FromResult(ids.All(id => hub.Dispatch!.Orders.Any(o => o.Order.IdempotencyKey == id))), Deadline, "all six orders reach dispatch");

        await hub.KillAndRestartHubAsync();

        var after = await Task.WhenAll(ids.Select(id => hub.Alarms.GetAlarmAsync(new GetAlarmRequest { AlarmId = id }).ResponseAsync));
        Assert.Equal(expected, after.Select(x => x.State));
        Assert.Equal(before.Select(x => x.History.Count), after.Select(x => x.History.Count));
        Assert.Equal(before.Select(x => x.ConditionActive), after.Select(x => x.ConditionActive));
        Assert.Equal(before[3].ShelvedUntil, after[3].ShelvedUntil);
        Assert.All(ids, id => Assert.Equal(1, Assert.Single(hub.Dispatch!.Orders, o => o.Order.IdempotencyKey == id).CreateCalls));
    }

    private async Task<Alarm> AlarmAsync(string equipmentId, string ruleId) =>
        await Eventually.UntilAsync(async () =>
            (await hub.Alarms.ListAlarmsAsync(new ListAlarmsRequest { EquipmentId = equipmentId, ConditionActiveOnly = true })).Alarms.FirstOrDefault(a => a.RuleId == ruleId),
            Deadline, $"an active {ruleId} alarm on {equipmentId}");
}
