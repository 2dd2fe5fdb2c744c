using System.Globalization;
using FacilityHub.Api.V1;
using FacilityHub.Auth;
using FacilityHub.Cli;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;

namespace FacilityHub.EndToEnd.Tests;

/// <summary>Home alarm services on the real hub: requested by customer service or the control room, booked for the
/// alarm team alongside its planned work, done by engineers with the preventive-maintenance methods, and re-booked when
/// nobody is home.</summary>
[Collection(HubCollection.Name)]
public sealed class HomeAlarmServiceTests(HubFixture hub)
{
    private static readonly TimeZoneInfo Shanghai = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");

    private MaintenanceService.MaintenanceServiceClient As(string role, string name) => new(hub.As(role, name));

    private static string LocalDay(Timestamp at) =>
        TimeZoneInfo.ConvertTime(at.ToDateTimeOffset(), Shanghai).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private async Task<(int Code, string Out, string Err)> Fhub(string role, string name, params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        int code = await FhubCli.RunAsync(args, stdout, stderr, hub.FhubAs(role, name));
        return (code, stdout.ToString(), stderr.ToString());
    }

    [Fact]
    public async Task Customer_service_requests_a_repair_the_alarm_team_sees_it_in_its_week_and_an_engineer_does_it_with_the_point_under_maintenance()
    {
        var preferred = DateTimeOffset.UtcNow.AddDays(2);
        var order = await As(HubRoles.CustomerService, "carol").RequestHomeAlarmServiceAsync(new RequestHomeAlarmServiceRequest
        {
            EquipmentId = "t-alarm-svc", Kind = HomeAlarmServiceKind.Repair, Description = "keypad does not respond",
            PreferredStart = Timestamp.FromDateTimeOffset(preferred),
        });

        Assert.StartsWith("t-alarm-svc/repair/", order.Id);
        Assert.Equal("Home alarm repair", order.Title);
        Assert.Equal(HomeAlarmServiceKind.Repair, order.ServiceKind);
        Assert.Equal(MaintenanceOrderStatus.Scheduled, order.Status);
        Assert.Equal(TestTopology.AlarmTeam, order.TeamId);
        Assert.Equal("carol", order.RequestedBy);
        Assert.True(order.VisitStart.ToDateTimeOffset() >= preferred, $"visit {order.VisitStart} before the preferred {preferred:u}");
        Assert.Equal(TimeSpan.FromHours(1), order.VisitEnd.ToDateTimeOffset() - order.VisitStart.ToDateTimeOffset());
        // The point locates the home: no resident's name or phone on the order, nor in the hub's log.
        Assert.DoesNotContain("Testresident", order.ToString());
        Assert.DoesNotContain("9901", order.ToString());
        Assert.DoesNotContain("Testresident", hub.Hub.Output);

        // In the alarm team's week, over gRPC and in fhub, with the same booking rules as planned work.
        var week = await As(HubRoles.Engineer, "erin").ListTeamWeekAsync(new ListTeamWeekRequest { TeamId = TestTopology.AlarmTeam, WeekStart = LocalDay(order.VisitStart) });
        Assert.Equal("alarm_systems", week.Team.Skill);
        Assert.Contains(week.Orders, o => o.Id == order.Id);
        var shown = await Fhub(HubRoles.Engineer, "erin", "maintenance", "week", "--team", TestTopology.AlarmTeam, "--week", LocalDay(order.VisitStart));
        Assert.True(shown.Code == 0, shown.Err);
        Assert.Contains(order.Id, shown.Out);
        Assert.Contains("Home alarm repair", shown.Out);

        // Customer service follows the order it booked, to tell the resident.
        var followed = await As(HubRoles.CustomerService, "carol").GetMaintenanceOrderAsync(new GetMaintenanceOrderRequest { OrderId = order.Id });
        Assert.Equal(order.VisitStart, followed.VisitStart);
        Assert.Equal("keypad does not respond", followed.Description);

        var started = await As(HubRoles.Engineer, "erin").StartMaintenanceWorkAsync(new StartMaintenanceWorkRequest { OrderId = order.Id });
        Assert.Equal(MaintenanceOrderStatus.InProgress, started.Status);
        var windows = await As(HubRoles.Operator, "olga").ListMaintenanceAsync(new ListMaintenanceRequest());
        var window = Assert.Single(windows.Windows, w => w.EquipmentId == "t-alarm-svc");
        Assert.Equal(TimeSpan.FromHours(1), window.EndsAt.ToDateTimeOffset() - window.StartedAt.ToDateTimeOffset());
        Assert.Contains(order.Id, window.Reason);

        var done = await Fhub(HubRoles.Engineer, "erin", "maintenance", "complete", order.Id, "--findings", "keypad ribbon cable reseated, replaced keypad", "--part", "keypad=1");
        Assert.True(done.Code == 0, done.Err);
        Assert.Contains("completed", done.Out);
        Assert.Contains("keypad x 1", done.Out);
        Assert.DoesNotContain((await As(HubRoles.Operator, "olga").ListMaintenanceAsync(new ListMaintenanceRequest())).Windows, w => w.EquipmentId == "t-alarm-svc");
    }

    [Fact]
    public async Task Operators_may_request_a_service_engineers_quality_and_the_administrator_may_not_and_quality_still_sees_the_order()
    {
        var order = await As(HubRoles.Operator, "olga").RequestHomeAlarmServiceAsync(new RequestHomeAlarmServiceRequest
        {
            EquipmentId = "t-alarm-svc-op", Kind = HomeAlarmServiceKind.Commission, Description = "new panel fitted, commission all zones",
        });
        Assert.Equal(HomeAlarmServiceKind.Commission, order.ServiceKind);
        Assert.Equal(TimeSpan.FromHours(2), order.VisitEnd.ToDateTimeOffset() - order.VisitStart.ToDateTimeOffset());
        Assert.True(order.VisitStart.ToDateTimeOffset() > DateTimeOffset.UtcNow.AddMinutes(-1));

        foreach (var (role, name) in new[] { (HubRoles.Engineer, "erin"), (HubRoles.Quality, "quinn"), (HubRoles.Admin, "ada") })
        {
            var denied = await Assert.ThrowsAsync<RpcException>(() => As(role, name).RequestHomeAlarmServiceAsync(new RequestHomeAlarmServiceRequest
            {
                EquipmentId = "t-alarm-svc-op", Kind = HomeAlarmServiceKind.Repair, Description = "x",
            }).ResponseAsync);
            Assert.Equal(StatusCode.PermissionDenied, denied.StatusCode);
        }
        var seen = await As(HubRoles.Quality, "quinn").GetMaintenanceOrderAsync(new GetMaintenanceOrderRequest { OrderId = order.Id });
        Assert.Equal(order.Id, seen.Id);
        // Customer service does not do the work.
        var refused = await Assert.ThrowsAsync<RpcException>(() => As(HubRoles.CustomerService, "carol").StartMaintenanceWorkAsync(new StartMaintenanceWorkRequest { OrderId = order.Id }).ResponseAsync);
        Assert.Equal(StatusCode.PermissionDenied, refused.StatusCode);
    }

    [Theory]
    [InlineData("t-alarm-svc", HomeAlarmServiceKind.Unspecified, "fix it", StatusCode.InvalidArgument, "kind")]
    [InlineData("t-alarm-svc", (HomeAlarmServiceKind)9, "fix it", StatusCode.InvalidArgument, "kind")]
    [InlineData("t-alarm-svc", HomeAlarmServiceKind.Repair, " ", StatusCode.InvalidArgument, "description")]
    [InlineData("t-pump-pm", HomeAlarmServiceKind.Repair, "fix it", StatusCode.InvalidArgument, "equipment_id: 't-pump-pm' is a water_pump, not a home alarm point")]
    [InlineData("", HomeAlarmServiceKind.Repair, "fix it", StatusCode.InvalidArgument, "equipment_id")]
    [InlineData("t-alarm-nowhere", HomeAlarmServiceKind.Repair, "fix it", StatusCode.NotFound, "equipment 't-alarm-nowhere'")]
    public async Task A_bad_request_is_refused_naming_the_field(string point, HomeAlarmServiceKind kind, string description, StatusCode code, string named)
    {
        var e = await Assert.ThrowsAsync<RpcException>(() => As(HubRoles.CustomerService, "carol").RequestHomeAlarmServiceAsync(new RequestHomeAlarmServiceRequest
        {
            EquipmentId = point, Kind = kind, Description = description,
        }).ResponseAsync);

        Assert.Equal(code, e.StatusCode);
        Assert.Contains(named, e.Status.Detail);
    }

    [Fact]
    public async Task Nobody_home_is_recorded_with_the_note_and_the_visit_re_booked_on_a_later_day_from_fhub()
    {
        var requested = await Fhub(HubRoles.CustomerService, "carol", "maintenance", "request-service", "t-alarm-svc-away", "--kind", "relocate",
            "--description", "move the hall detector to the bedroom corridor", "--at", DateTimeOffset.UtcNow.AddDays(1).ToString("yyyy-MM-ddTHH:mmZ", CultureInfo.InvariantCulture));
        Assert.True(requested.Code == 0, requested.Err);
        Assert.Contains("Home alarm relocate", requested.Out);
        Assert.Contains("move the hall detector", requested.Out);
        string id = requested.Out.Split('\n').Select(l => l.Trim()).First(l => l.StartsWith("Order", StringComparison.Ordinal))["Order".Length..].Trim();
        Assert.StartsWith("t-alarm-svc-away/relocate/", id);
        var before = await As(HubRoles.Engineer, "erin").GetMaintenanceOrderAsync(new GetMaintenanceOrderRequest { OrderId = id });

        var away = await Fhub(HubRoles.Engineer, "erin", "maintenance", "no-access", id, "--note", "card left in the letterbox");
        Assert.True(away.Code == 0, away.Err);
        Assert.Contains("nobody home 1x", away.Out);
        Assert.Contains("card left in the letterbox", away.Out);

        var after = await As(HubRoles.CustomerService, "carol").GetMaintenanceOrderAsync(new GetMaintenanceOrderRequest { OrderId = id });
        Assert.Equal(1, after.NoAccessVisits);
        Assert.Equal(MaintenanceOrderStatus.Scheduled, after.Status);
        Assert.True(string.CompareOrdinal(LocalDay(after.VisitStart), LocalDay(before.VisitStart)) > 0, $"re-booked {after.VisitStart} not after the day of {before.VisitStart}");
        Assert.Equal(before.VisitEnd.ToDateTimeOffset() - before.VisitStart.ToDateTimeOffset(), after.VisitEnd.ToDateTimeOffset() - after.VisitStart.ToDateTimeOffset());

        // Only the engineer at the door records it, with a note.
        var denied = await Assert.ThrowsAsync<RpcException>(() => As(HubRoles.CustomerService, "carol").RecordNoAccessAsync(new RecordNoAccessRequest { OrderId = id, Note = "x" }).ResponseAsync);
        Assert.Equal(StatusCode.PermissionDenied, denied.StatusCode);
        var noNote = await Fhub(HubRoles.Engineer, "erin", "maintenance", "no-access", id, "--note", " ");
        Assert.NotEqual(0, noNote.Code);
        Assert.Contains("note", noNote.Err);

        var badKind = await Fhub(HubRoles.CustomerService, "carol", "maintenance", "request-service", "t-alarm-svc-away", "--kind", "install", "--description", "x");
        Assert.NotEqual(0, badKind.Code);
        Assert.Contains("--kind: 'install' is not commission, relocate or repair", badKind.Err);
    }
}
