using FacilityHub.Api.V1;
using FacilityHub.Testing;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;

namespace FacilityHub.EndToEnd.Tests;

/// <summary>The ISA-18.2 lifecycle as operators drive it over gRPC, on the real hub.</summary>
[Collection(HubCollection.Name)]
public sealed class AlarmLifecycleTests(HubFixture hub)
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(15);
    private const string Dishwasher = "facility/riverside/rs-club/rs-club-dishwasher-1/telemetry";

    [Fact]
    public async Task An_acknowledged_alarm_that_clears_returns_to_normal_with_every_step_on_record()
    {
        await hub.PublishAsync(Dishwasher, """{"values":{"wash_temp_c":52,"conveyor_running":1}}""");
        var alarm = await ActiveAlarmAsync("rs-club-dishwasher-1");
        Assert.Equal(AlarmState.ActiveUnacknowledged, alarm.State);

        var acked = await hub.AlarmsAs("alice").AcknowledgeAlarmsAsync(new AcknowledgeAlarmsRequest { AlarmIds = { alarm.AlarmId }, Note = "kitchen told" });
        Assert.Equal(AlarmState.ActiveAcknowledged, Assert.Single(acked.Alarms).State);

        // Acknowledging twice is refused, saying why; nothing changes.
        var again = await Assert.ThrowsAsync<RpcException>(() =>
            hub.AlarmsAs("alice").AcknowledgeAlarmsAsync(new AcknowledgeAlarmsRequest { AlarmIds = { alarm.AlarmId } }).ResponseAsync);
        Assert.Equal(StatusCode.FailedPrecondition, again.StatusCode);
        Assert.Contains("cannot acknowledge", again.Status.Detail);
        Assert.Contains(alarm.AlarmId, again.Status.Detail);

        await hub.PublishAsync(Dishwasher, """{"values":{"wash_temp_c":66,"conveyor_running":1}}""");
        var cleared = await Eventually.UntilAsync(async () =>
        {
            var a = await hub.Alarms.GetAlarmAsync(new GetAlarmRequest { AlarmId = alarm.AlarmId });
            return a.State == AlarmState.Normal ? a : null;
        }, Deadline, "the acknowledged alarm returns to normal when the wash tank is hot again");

        Assert.False(cleared.ConditionActive);
        Assert.NotNull(cleared.ClearedAt);
        Assert.Collection(cleared.History,
            s => Assert.Equal((AlarmState.Normal, AlarmState.ActiveUnacknowledged, "system"), (s.From, s.To, s.Actor)),
            s =>
            {
                Assert.Equal((AlarmState.ActiveUnacknowledged, AlarmState.ActiveAcknowledged, "alice", "kitchen told"), (s.From, s.To, s.Actor, s.Note));
            },
            s => Assert.Equal((AlarmState.ActiveAcknowledged, AlarmState.Normal, "system"), (s.From, s.To, s.Actor)));
    }

    [Fact]
    public async Task The_actor_on_record_is_the_token_s_name_never_the_operator_the_request_names()
    {
        await hub.PublishAsync("facility/riverside/rs-b1/rs-b1-alarm-0301/event", """{"event":"tamper"}""");
        var alarm = await ActiveAlarmAsync("rs-b1-alarm-0301");

#pragma warning disable CS0612 // the deprecated field, set on purpose: the hub must ignore it
        await hub.AlarmsAs("grace").AcknowledgeAlarmsAsync(new AcknowledgeAlarmsRequest { AlarmIds = { alarm.AlarmId }, Operator = "mallory", Note = "checked" });
        await hub.AlarmsAs("grace").CommentAlarmAsync(new CommentAlarmRequest { AlarmId = alarm.AlarmId, Operator = "mallory", Text = "panel cover refitted" });
#pragma warning restore CS0612

        var record = await hub.Alarms.GetAlarmAsync(new GetAlarmRequest { AlarmId = alarm.AlarmId });
        Assert.Contains(record.History, s => s.Cause == "acknowledged" && s.Actor == "grace" && s.Note == "checked");
        Assert.Contains(record.History, s => s.Cause == "comment" && s.Actor == "grace" && s.Note == "panel cover refitted");
        Assert.DoesNotContain(record.History, s => s.Actor == "mallory");
    }

    [Fact]
    public async Task Actions_on_unknown_or_malformed_alarms_are_refused_clearly()
    {
        // Tried: no ids, a malformed id, an id of an occurrence that never happened, an empty comment.
        var noIds = await Assert.ThrowsAsync<RpcException>(() => hub.Alarms.AcknowledgeAlarmsAsync(new AcknowledgeAlarmsRequest()).ResponseAsync);
        Assert.Equal(StatusCode.InvalidArgument, noIds.StatusCode);

        var malformed = await Assert.ThrowsAsync<RpcException>(() => hub.Alarms.CommentAlarmAsync(
            new CommentAlarmRequest { AlarmId = "pump-1", Text = "x" }).ResponseAsync);
        Assert.Equal(StatusCode.InvalidArgument, malformed.StatusCode);
        Assert.StartsWith("alarm_id:", malformed.Status.Detail);

        var never = await Assert.ThrowsAsync<RpcException>(() => hub.Alarms.CommentAlarmAsync(
            new CommentAlarmRequest { AlarmId = "rs-b1-pump-2/pressure_collapse/99", Text = "x" }).ResponseAsync);
        Assert.Equal(StatusCode.NotFound, never.StatusCode);

        var empty = await Assert.ThrowsAsync<RpcException>(() => hub.Alarms.CommentAlarmAsync(
            new CommentAlarmRequest { AlarmId = "rs-b1-pump-1/pressure_collapse/1", Text = " " }).ResponseAsync);
        Assert.Equal((StatusCode.InvalidArgument, "text: is required"), (empty.StatusCode, empty.Status.Detail));
    }

    [Fact]
    public async Task A_shelved_alarm_comes_back_by_itself_when_the_shelf_expires_even_after_a_kill_9()
    {
        await hub.PublishAsync("facility/riverside/rs-b1/rs-b1-alarm-0402/event", """{"event":"zone_tripped","zone":"smoke"}""");
        var alarm = await ActiveAlarmAsync("rs-b1-alarm-0402");

        var notShelved = await Assert.ThrowsAsync<RpcException>(() => hub.AlarmsAs("bob").UnshelveAlarmAsync(
            new UnshelveAlarmRequest { AlarmId = alarm.AlarmId }).ResponseAsync);
        Assert.Equal(StatusCode.FailedPrecondition, notShelved.StatusCode);
        Assert.Contains("not shelved", notShelved.Status.Detail);
        var tooLong = await Assert.ThrowsAsync<RpcException>(() => hub.AlarmsAs("bob").ShelveAlarmAsync(new ShelveAlarmRequest
        {
            AlarmId = alarm.AlarmId, Reason = "contractor", Duration = Duration.FromTimeSpan(TimeSpan.FromDays(8)),
        }).ResponseAsync);
        Assert.Equal((StatusCode.InvalidArgument, "duration: must be at most 7 days"), (tooLong.StatusCode, tooLong.Status.Detail));
        var noReason = await Assert.ThrowsAsync<RpcException>(() => hub.AlarmsAs("bob").ShelveAlarmAsync(new ShelveAlarmRequest
        {
            AlarmId = alarm.AlarmId, Duration = Duration.FromTimeSpan(TimeSpan.FromMinutes(5)),
        }).ResponseAsync);
        Assert.Equal((StatusCode.InvalidArgument, "reason: is required"), (noReason.StatusCode, noReason.Status.Detail));

        var shelved = await hub.AlarmsAs("bob").ShelveAlarmAsync(new ShelveAlarmRequest
        {
            AlarmId = alarm.AlarmId, Reason = "smoke test by the fire contractor", Duration = Duration.FromTimeSpan(TimeSpan.FromSeconds(4)),
        });
        Assert.Equal(AlarmState.Shelved, shelved.State);
        Assert.True(shelved.ConditionActive);
        Assert.InRange(shelved.ShelvedUntil.ToDateTimeOffset() - DateTimeOffset.UtcNow, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(5));
        var listed = await hub.Alarms.ListAlarmsAsync(new ListAlarmsRequest { SiteId = "riverside", State = AlarmState.Shelved });
        Assert.Contains(listed.Alarms, a => a.AlarmId == alarm.AlarmId);

        await hub.KillAndRestartHubAsync();
        var back = await Eventually.UntilAsync(async () =>
        {
            var a = await hub.Alarms.GetAlarmAsync(new GetAlarmRequest { AlarmId = alarm.AlarmId });
            return a.State == AlarmState.ActiveUnacknowledged ? a : null;
        }, TimeSpan.FromSeconds(30), "the shelf expires and the alarm, still active, annunciates again");
        Assert.Null(back.ShelvedUntil);
        Assert.Contains(back.History, s => s.To == AlarmState.Shelved && s.Actor == "bob" && s.Note == "smoke test by the fire contractor");
        Assert.Contains(back.History, s => s.From == AlarmState.Shelved && s.Cause == "shelf expired" && s.Actor == "system");
        // The same occurrence comes back: the fault was there all along, so no second work order.
        Assert.Equal(alarm.AlarmId, back.AlarmId);
        Assert.Single((await hub.WorkOrders.ListWorkOrdersAsync(new ListWorkOrdersRequest { EquipmentId = "rs-b1-alarm-0402" })).WorkOrders);
    }

    [Fact]
    public async Task An_alarm_out_of_service_records_its_condition_without_annunciating_and_comes_back_when_returned_to_service()
    {
        string panel = TestTopology.Topic("t-alarm-oos", "event");
        await hub.PublishAsync(panel, """{"event":"zone_tripped","zone":"smoke"}""");
        var alarm = await ActiveAlarmAsync("t-alarm-oos");

        var oos = await hub.AlarmsAs("gina").RemoveAlarmFromServiceAsync(new RemoveAlarmFromServiceRequest { AlarmId = alarm.AlarmId, Reason = "detector fouled by paint" });
        Assert.Equal(AlarmState.OutOfService, oos.State);
        var twice = await Assert.ThrowsAsync<RpcException>(() => hub.AlarmsAs("gina").RemoveAlarmFromServiceAsync(
            new RemoveAlarmFromServiceRequest { AlarmId = alarm.AlarmId, Reason = "again" }).ResponseAsync);
        Assert.Equal(StatusCode.FailedPrecondition, twice.StatusCode);
        var ack = await Assert.ThrowsAsync<RpcException>(() => hub.AlarmsAs("gina").AcknowledgeAlarmsAsync(
            new AcknowledgeAlarmsRequest { AlarmIds = { alarm.AlarmId } }).ResponseAsync);
        Assert.Equal(StatusCode.FailedPrecondition, ack.StatusCode);

        // Restored and tripped again while out of service: recorded, not annunciated, no new occurrence.
        await hub.PublishAsync(panel, """{"event":"zone_restored","zone":"smoke"}""");
        await hub.PublishAsync(panel, """{"event":"zone_tripped","zone":"smoke"}""");
        await Eventually.UntilAsync(async () =>
            (await hub.Alarms.GetAlarmAsync(new GetAlarmRequest { AlarmId = alarm.AlarmId })).History.Count(s => s.Cause.EndsWith("(not annunciated)", StringComparison.Ordinal)) == 2,
            Deadline, "both condition changes are on record");
        Assert.Equal(AlarmState.OutOfService, (await hub.Alarms.GetAlarmAsync(new GetAlarmRequest { AlarmId = alarm.AlarmId })).State);

        var back = await hub.AlarmsAs("gina").ReturnAlarmToServiceAsync(new ReturnAlarmToServiceRequest { AlarmId = alarm.AlarmId, Note = "detector replaced" });
        Assert.Contains((await hub.Alarms.GetAlarmAsync(new GetAlarmRequest { AlarmId = alarm.AlarmId })).History, h => h.Actor == "gina" && h.Note == "detector replaced");
        // The condition cleared and came back while out of service: a new occurrence, annunciated.
        var listed = await hub.Alarms.ListAlarmsAsync(new ListAlarmsRequest { EquipmentId = "t-alarm-oos", ConditionActiveOnly = true });
        var current = Assert.Single(listed.Alarms);
        Assert.Equal(AlarmState.ActiveUnacknowledged, current.State);
        Assert.EndsWith("/2", current.AlarmId);
        Assert.Equal(AlarmState.Normal, (await hub.Alarms.GetAlarmAsync(new GetAlarmRequest { AlarmId = alarm.AlarmId })).State);
        Assert.Equal(AlarmState.ActiveUnacknowledged, back.State);
    }

    [Fact]
    public async Task Watching_gives_a_snapshot_then_every_change_and_resumes_after_a_reconnect_without_gaps_or_repeats()
    {
        const string Panel = "facility/riverside/rs-b1/rs-b1-alarm-0401/event";
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var seen = new List<AlarmUpdate>();

        ulong last;
        using (var first = hub.Alarms.WatchAlarms(new WatchAlarmsRequest { SiteId = "riverside" }, cancellationToken: cts.Token))
        {
            var stream = first.ResponseStream;
            AlarmUpdate update;
            do
            {
                Assert.True(await stream.MoveNext(cts.Token));
                update = stream.Current;
                Assert.True(update.Snapshot || update.SnapshotEnd, "a watch from the start begins with a snapshot");
                if (update.Snapshot) Assert.NotEqual(AlarmState.Normal, update.Alarm.State);
            }
            while (!update.SnapshotEnd);
            last = update.Sequence;

            await hub.PublishAsync(Panel, """{"event":"zone_tripped","zone":"intrusion"}""");
            do
            {
                Assert.True(await stream.MoveNext(cts.Token));
                update = stream.Current;
                Assert.False(update.Snapshot);
                Assert.Equal(last + 1, update.Sequence);
                last = update.Sequence;
                seen.Add(update);
            }
            while (update.Alarm.EquipmentId != "rs-b1-alarm-0401");
            Assert.Equal(AlarmState.ActiveUnacknowledged, update.Alarm.State);
        }

        // While nobody watches: the operator acknowledges, then the zone is restored.
        string alarmId = seen[^1].Alarm.AlarmId;
        await hub.AlarmsAs("carol").AcknowledgeAlarmsAsync(new AcknowledgeAlarmsRequest { AlarmIds = { alarmId } });
        await hub.PublishAsync(Panel, """{"event":"zone_restored","zone":"intrusion"}""");
        await Eventually.UntilAsync(async () =>
            (await hub.Alarms.GetAlarmAsync(new GetAlarmRequest { AlarmId = alarmId })).State == AlarmState.Normal,
            Deadline, "the restored zone returns the acknowledged alarm to normal");

        using var resumed = hub.Alarms.WatchAlarms(new WatchAlarmsRequest { SiteId = "riverside", AfterSequence = last }, cancellationToken: cts.Token);
        var missed = new List<AlarmUpdate>();
        while (!missed.Any(u => u.Alarm?.AlarmId == alarmId && u.Alarm.State == AlarmState.Normal))
        {
            Assert.True(await resumed.ResponseStream.MoveNext(cts.Token));
            missed.Add(resumed.ResponseStream.Current);
        }

        Assert.All(missed, u => Assert.False(u.Snapshot || u.SnapshotEnd));
        Assert.Equal(Enumerable.Range(1, missed.Count).Select(i => last + (ulong)i), missed.Select(u => u.Sequence));
        Assert.Equal(
            [AlarmState.ActiveAcknowledged, AlarmState.Normal],
            missed.Where(u => u.Alarm.AlarmId == alarmId).Select(u => u.Alarm.State));
    }

    private async Task<Alarm> ActiveAlarmAsync(string equipmentId) =>
        await Eventually.UntilAsync(async () =>
            (await hub.Alarms.ListAlarmsAsync(new ListAlarmsRequest { EquipmentId = equipmentId, ConditionActiveOnly = true })).Alarms.FirstOrDefault(),
            Deadline, $"an active alarm on {equipmentId}");
}
