using FacilityHub.Api.V1;
using FacilityHub.Auth;
using FacilityHub.Cli;
using FacilityHub.Testing;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;

namespace FacilityHub.EndToEnd.Tests;

/// <summary>An item under maintenance suppresses its own alarms by design for the window, and they come back by
/// themselves, on the real hub.</summary>
[Collection(HubCollection.Name)]
public sealed class MaintenanceTests(HubFixture hub)
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(15);
    private const string Burst = """{"values":{"outlet_pressure_bar":0.3,"flow_m3h":80,"running":1}}""";

    private MaintenanceService.MaintenanceServiceClient MaintenanceAs(string role, string name) => new(hub.As(role, name));

    [Fact]
    public async Task A_fault_during_maintenance_is_not_annunciated_and_raises_its_one_order_when_the_window_ends_by_itself()
    {
        const string pump = "t-pump-maint";
        var window = await MaintenanceAs(HubRoles.Engineer, "erin").StartMaintenanceAsync(new StartMaintenanceRequest
        {
            EquipmentId = pump, Duration = Duration.FromTimeSpan(TimeSpan.FromSeconds(8)), Reason = "impeller replacement",
        });
        Assert.Equal(("erin", "impeller replacement"), (window.StartedBy, window.Reason));
        Assert.Equal(TimeSpan.FromSeconds(8), window.EndsAt.ToDateTimeOffset() - window.StartedAt.ToDateTimeOffset());
        var listed = await MaintenanceAs(HubRoles.CustomerService, "carol").ListMaintenanceAsync(new ListMaintenanceRequest { SiteId = "riverside" });
        Assert.Contains(listed.Windows, w => w.EquipmentId == pump);

        await hub.PublishAsync(TestTopology.Topic(pump), Burst);
        await Eventually.UntilAsync(async () =>
            (await hub.Assets.GetEquipmentAsync(new GetEquipmentRequest { EquipmentId = pump })).Readings.Any(r => r.Metric == "outlet_pressure_bar" && r.Value == 0.3),
            Deadline, "the hub takes the burst-pipe reading");

        // Recorded, not annunciated, no order: the crew has the pipe open on purpose (8 s leave room for a loaded machine).
        Assert.True(DateTimeOffset.UtcNow < window.EndsAt.ToDateTimeOffset(), "the reading was taken only after the window had ended: the machine is too slow for this test");
        Assert.Empty((await hub.Alarms.ListAlarmsAsync(new ListAlarmsRequest { EquipmentId = pump })).Alarms);
        Assert.DoesNotContain(hub.Dispatch!.Orders, o => o.Order.EquipmentId == pump);

        // The window ends by itself; the pressure still collapsed is a real fault: it annunciates and raises its order.
        var alarm = await Eventually.UntilAsync(async () =>
            (await hub.Alarms.ListAlarmsAsync(new ListAlarmsRequest { EquipmentId = pump })).Alarms.FirstOrDefault(a => a.RuleId == "pressure_collapse"),
            Deadline, "the alarm comes back when the window is over");
        Assert.Equal(AlarmState.ActiveUnacknowledged, alarm.State);
        Assert.Equal($"{pump}/pressure_collapse/1", alarm.AlarmId);
        await Eventually.UntilAsync(() => Task.FromResult(hub.Dispatch!.Orders.Any(o => o.Order.EquipmentId == pump)), Deadline, "the order reaches dispatch");
        var record = await hub.Alarms.GetAlarmAsync(new GetAlarmRequest { AlarmId = alarm.AlarmId });
        Assert.Contains(record.History, s => s.From == AlarmState.SuppressedByDesign && s.Cause == "restored" && s.Actor == "system");
        // The alarms are restored first, then the window is cleared: it leaves the list a moment later.
        await Eventually.UntilAsync(async () =>
            !(await MaintenanceAs(HubRoles.Engineer, "erin").ListMaintenanceAsync(new ListMaintenanceRequest())).Windows.Any(w => w.EquipmentId == pump),
            Deadline, "the ended window leaves the list");

        await Task.Delay(TimeSpan.FromSeconds(1));
        Assert.Single(hub.Dispatch!.Orders, o => o.Order.EquipmentId == pump);
    }

    [Fact]
    public async Task A_fault_that_holds_through_maintenance_ended_early_is_the_same_occurrence_with_no_second_order()
    {
        const string pump = "t-pump-maint-held";
        await hub.PublishAsync(TestTopology.Topic(pump), Burst);
        await Eventually.UntilAsync(() => Task.FromResult(hub.Dispatch!.Orders.Any(o => o.Order.EquipmentId == pump)), Deadline, "the order reaches dispatch");
        string alarmId = $"{pump}/pressure_collapse/1";

        await MaintenanceAs(HubRoles.Operator, "olga").StartMaintenanceAsync(new StartMaintenanceRequest
        {
            EquipmentId = pump, Duration = Duration.FromTimeSpan(TimeSpan.FromHours(1)), Reason = "isolating the burst section",
        });
        var suppressed = await hub.Alarms.GetAlarmAsync(new GetAlarmRequest { AlarmId = alarmId });
        Assert.Equal(AlarmState.SuppressedByDesign, suppressed.State);
        Assert.Contains(suppressed.History, s => s.To == AlarmState.SuppressedByDesign && s.Actor == "olga");

        var ended = await MaintenanceAs(HubRoles.Engineer, "erin").EndMaintenanceAsync(new EndMaintenanceRequest { EquipmentId = pump, Note = "section replaced" });
        Assert.Equal(("erin", "section replaced"), (ended.EndedBy, ended.EndNote));
        Assert.NotNull(ended.EndedAt);
        var back = await hub.Alarms.GetAlarmAsync(new GetAlarmRequest { AlarmId = alarmId });
        Assert.Equal(AlarmState.ActiveUnacknowledged, back.State);
        Assert.Single(hub.Dispatch!.Orders, o => o.Order.EquipmentId == pump);

        var again = await Assert.ThrowsAsync<RpcException>(() =>
            MaintenanceAs(HubRoles.Engineer, "erin").EndMaintenanceAsync(new EndMaintenanceRequest { EquipmentId = pump }).ResponseAsync);
        Assert.Equal(StatusCode.FailedPrecondition, again.StatusCode);
        Assert.Contains("not under maintenance", again.Status.Detail);
    }

    [Fact]
    public async Task A_fault_after_a_hub_restart_during_maintenance_is_still_suppressed_and_raises_its_order_only_when_the_window_ends()
    {
        // The restarted hub's item raises an alarm it never raised without reading it first: it must know that the
        // maintenance window stored (suppressed) this one.
        const string pump = "t-pump-maint-restart";
        await MaintenanceAs(HubRoles.Engineer, "erin").StartMaintenanceAsync(new StartMaintenanceRequest
        {
            EquipmentId = pump, Duration = Duration.FromTimeSpan(TimeSpan.FromHours(1)), Reason = "valve swap",
        });
        await hub.KillAndRestartHubAsync();

        await hub.PublishAsync(TestTopology.Topic(pump), Burst);
        await Eventually.UntilAsync(async () =>
            (await hub.Assets.GetEquipmentAsync(new GetEquipmentRequest { EquipmentId = pump })).Readings.Any(r => r.Metric == "outlet_pressure_bar" && r.Value == 0.3),
            Deadline, "the restarted hub takes the burst-pipe reading");
        Assert.Empty((await hub.Alarms.ListAlarmsAsync(new ListAlarmsRequest { EquipmentId = pump })).Alarms);

        var endedAt = DateTimeOffset.UtcNow;
        await MaintenanceAs(HubRoles.Engineer, "erin").EndMaintenanceAsync(new EndMaintenanceRequest { EquipmentId = pump, Note = "valve in" });
        var alarm = await Eventually.UntilAsync(async () =>
            (await hub.Alarms.ListAlarmsAsync(new ListAlarmsRequest { EquipmentId = pump })).Alarms.FirstOrDefault(a => a.RuleId == "pressure_collapse"),
            Deadline, "the alarm annunciates when the window ends");
        Assert.Equal($"{pump}/pressure_collapse/1", alarm.AlarmId);
        var order = await Eventually.UntilAsync(() => Task.FromResult(hub.Dispatch!.Orders.FirstOrDefault(o => o.Order.EquipmentId == pump)),
            Deadline, "the order reaches dispatch");
        Assert.True(order.ReceivedAt.ToDateTimeOffset() >= endedAt, $"dispatch had the order at {order.ReceivedAt}, before the window ended at {endedAt:O}");
        Assert.Single(hub.Dispatch!.Orders, o => o.Order.EquipmentId == pump);
    }

    [Fact]
    public async Task Bad_maintenance_requests_are_refused_naming_the_field_and_quality_may_not_start_one()
    {
        var erin = MaintenanceAs(HubRoles.Engineer, "erin");
        async Task<RpcException> Refused(StartMaintenanceRequest request) =>
            await Assert.ThrowsAsync<RpcException>(() => erin.StartMaintenanceAsync(request).ResponseAsync);
        var hour = Duration.FromTimeSpan(TimeSpan.FromHours(1));

        var noReason = await Refused(new StartMaintenanceRequest { EquipmentId = "t-pump-maint-cli", Duration = hour });
        Assert.Equal(StatusCode.InvalidArgument, noReason.StatusCode);
        Assert.StartsWith("reason:", noReason.Status.Detail);

        var tooLong = await Refused(new StartMaintenanceRequest { EquipmentId = "t-pump-maint-cli", Duration = Duration.FromTimeSpan(TimeSpan.FromDays(8)), Reason = "x" });
        Assert.Equal(StatusCode.InvalidArgument, tooLong.StatusCode);
        Assert.StartsWith("duration:", tooLong.Status.Detail);

        var noDuration = await Refused(new StartMaintenanceRequest { EquipmentId = "t-pump-maint-cli", Reason = "x" });
        Assert.StartsWith("duration:", noDuration.Status.Detail);

        var unknown = await Refused(new StartMaintenanceRequest { EquipmentId = "no-such-pump", Duration = hour, Reason = "x" });
        Assert.Equal(StatusCode.NotFound, unknown.StatusCode);
        Assert.Contains("no-such-pump", unknown.Status.Detail);

        var missing = await Refused(new StartMaintenanceRequest { Duration = hour, Reason = "x" });
        Assert.StartsWith("equipment_id:", missing.Status.Detail);

        var quality = await Assert.ThrowsAsync<RpcException>(() => MaintenanceAs(HubRoles.Quality, "quinn").StartMaintenanceAsync(
            new StartMaintenanceRequest { EquipmentId = "t-pump-maint-cli", Duration = hour, Reason = "x" }).ResponseAsync);
        Assert.Equal(StatusCode.PermissionDenied, quality.StatusCode);
    }

    [Fact]
    public async Task An_engineer_starts_lists_and_ends_maintenance_with_fhub()
    {
        var environment = hub.FhubAs(HubRoles.Engineer, "erin");
        async Task<(int Code, string Out, string Err)> Fhub(params string[] args)
        {
            var stdout = new StringWriter();
            var stderr = new StringWriter();
            int code = await FhubCli.RunAsync(args, stdout, stderr, environment);
            return (code, stdout.ToString(), stderr.ToString());
        }

        var start = await Fhub("maintenance", "start", "t-pump-maint-cli", "--for", "2h", "--reason", "bearing greasing");
        Assert.True(start.Code == 0, start.Err);
        Assert.Contains("bearing greasing", start.Out);

        var list = await Fhub("maintenance", "list", "--site", "riverside");
        Assert.Equal(0, list.Code);
        Assert.Contains("t-pump-maint-cli", list.Out);

        var end = await Fhub("maintenance", "end", "t-pump-maint-cli");
        Assert.True(end.Code == 0, end.Err);
        Assert.Contains("by erin", end.Out);

        var after = await Fhub("maintenance", "list", "--site", "riverside");
        Assert.DoesNotContain("t-pump-maint-cli", after.Out);
    }
}
