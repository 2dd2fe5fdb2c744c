using System.Globalization;
using FacilityHub.Api.V1;
using FacilityHub.Auth;
using FacilityHub.Cli;
using FacilityHub.Testing;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;

namespace FacilityHub.EndToEnd.Tests;

/// <summary>A plan due soon makes its engineering order for the right team on the real hub; engineers see it in their
/// week, move it, do it with parts, and a killed hub makes no second order.</summary>
[Collection(HubCollection.Name)]
public sealed class PreventiveMaintenanceTests(HubFixture hub)
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(20);
    private static string Day(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
    private static readonly string Today = $"t-pump-pm/{TestTopology.PmPlan}/{Day(TestTopology.PmStart)}";
    private static readonly string NextWeek = $"t-pump-pm/{TestTopology.PmPlan}/{Day(TestTopology.PmStart.AddDays(7))}";

    private MaintenanceService.MaintenanceServiceClient As(string role, string name) => new(hub.As(role, name));

    private async Task<(int Code, string Out, string Err)> Fhub(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        int code = await FhubCli.RunAsync(args, stdout, stderr, hub.FhubAs(HubRoles.Engineer, "erin"));
        return (code, stdout.ToString(), stderr.ToString());
    }

    private async Task<string[]> PlannedIds()
    {
        var engineer = As(HubRoles.Engineer, "erin");
        var ids = new List<string>();
        foreach (var day in new[] { TestTopology.PmStart, TestTopology.PmStart.AddDays(7), TestTopology.PmStart.AddDays(14) })
        {
            var week = await engineer.ListTeamWeekAsync(new ListTeamWeekRequest { TeamId = TestTopology.PmTeam, WeekStart = Day(day) });
            ids.AddRange(week.Orders.Select(o => o.Id));
        }
        return [.. ids.Distinct().Order(StringComparer.Ordinal)];
    }

    [Fact]
    public async Task A_due_plan_books_its_order_for_the_team_which_is_moved_done_with_parts_and_not_made_again_after_a_crash()
    {
        // Made at start, 7 days ahead: today's occurrence and next week's, both for the test crew.
        var planned = await Eventually.UntilAsync(async () => { var ids = await PlannedIds(); return ids.Length == 2 ? ids : null; },
            Deadline, "the planner books today's and next week's check");
        Assert.Equal([Today, NextWeek], planned.Order(StringComparer.Ordinal));

        var week = await Fhub("maintenance", "week", "--team", TestTopology.PmTeam, "--week", Day(TestTopology.PmStart));
        Assert.True(week.Code == 0, week.Err);
        Assert.Contains(Today, week.Out);
        Assert.Contains("Test pump check", week.Out);
        // Operators see the week; customer service has no part in engineering orders.
        Assert.NotEmpty((await As(HubRoles.Operator, "olga").ListTeamWeekAsync(new ListTeamWeekRequest { TeamId = TestTopology.PmTeam, WeekStart = Day(TestTopology.PmStart) })).Orders);
        var denied = await Assert.ThrowsAsync<RpcException>(() => As(HubRoles.CustomerService, "carol").ListTeamWeekAsync(new ListTeamWeekRequest { TeamId = TestTopology.PmTeam }).ResponseAsync);
        Assert.Equal(StatusCode.PermissionDenied, denied.StatusCode);

        // One crew, 30 minutes of slack: 10 minutes after next week's visit is refused; two hours after it is fine.
        var next = await As(HubRoles.Engineer, "erin").GetMaintenanceOrderAsync(new GetMaintenanceOrderRequest { OrderId = NextWeek });
        var nextStart = next.VisitStart.ToDateTimeOffset();
        var clash = await Fhub("maintenance", "reschedule", Today, "--at", nextStart.AddMinutes(40).ToString("yyyy-MM-ddTHH:mmZ", CultureInfo.InvariantCulture), "--reason", "crew on training");
        Assert.NotEqual(0, clash.Code);
        Assert.Contains("FAILED_PRECONDITION", clash.Err);
        Assert.Contains("30 minutes", clash.Err);
        var moved = await Fhub("maintenance", "reschedule", Today, "--at", nextStart.AddHours(2).ToString("yyyy-MM-ddTHH:mmZ", CultureInfo.InvariantCulture), "--reason", "crew on training");
        Assert.True(moved.Code == 0, moved.Err);
        Assert.Contains("crew on training", moved.Out);
        var order = await As(HubRoles.Engineer, "erin").GetMaintenanceOrderAsync(new GetMaintenanceOrderRequest { OrderId = Today });
        Assert.Equal(nextStart.AddHours(2), order.VisitStart.ToDateTimeOffset());
        Assert.Equal(1, order.Reschedules);

        // Starting the work puts the pump under maintenance; completing it ends that with findings and parts.
        var started = await As(HubRoles.Engineer, "erin").StartMaintenanceWorkAsync(new StartMaintenanceWorkRequest { OrderId = Today });
        Assert.Equal(MaintenanceOrderStatus.InProgress, started.Status);
        var windows = await As(HubRoles.Operator, "olga").ListMaintenanceAsync(new ListMaintenanceRequest());
        var window = Assert.Single(windows.Windows, w => w.EquipmentId == "t-pump-pm");
        Assert.Equal(TimeSpan.FromMinutes(30), window.EndsAt.ToDateTimeOffset() - window.StartedAt.ToDateTimeOffset());
        Assert.Contains(Today, window.Reason);

        var done = await Fhub("maintenance", "complete", Today, "--findings", "seal weeping, replaced", "--part", "mechanical seal=1", "--part", "grease (kg)=0.2");
        Assert.True(done.Code == 0, done.Err);
        Assert.Contains("completed", done.Out);
        Assert.Contains("mechanical seal x 1", done.Out);
        Assert.Contains("grease (kg) x 0.2", done.Out);
        Assert.DoesNotContain((await As(HubRoles.Operator, "olga").ListMaintenanceAsync(new ListMaintenanceRequest())).Windows, w => w.EquipmentId == "t-pump-pm");

        // Only engineers do the work.
        var refused = await Assert.ThrowsAsync<RpcException>(() => As(HubRoles.Operator, "olga").CompleteMaintenanceWorkAsync(
            new CompleteMaintenanceWorkRequest { OrderId = NextWeek, Findings = "x" }).ResponseAsync);
        Assert.Equal(StatusCode.PermissionDenied, refused.StatusCode);

        await hub.KillAndRestartHubAsync();
        await Eventually.UntilAsync(() => Task.FromResult(hub.Hub.Output.Contains("Preventive maintenance:", StringComparison.Ordinal)),
            Deadline, "the restarted hub's planner has run");

        Assert.Equal([Today, NextWeek], await PlannedIds());
        var after = await As(HubRoles.Engineer, "erin").GetMaintenanceOrderAsync(new GetMaintenanceOrderRequest { OrderId = Today });
        Assert.Equal(MaintenanceOrderStatus.Completed, after.Status);
        Assert.Equal(["mechanical seal", "grease (kg)"], after.Parts.Select(p => p.Part));
    }

    [Fact]
    public async Task Rescheduling_needs_a_reason_and_an_unknown_order_is_not_found()
    {
        var engineer = As(HubRoles.Engineer, "erin");
        var noReason = await Assert.ThrowsAsync<RpcException>(() => engineer.RescheduleWorkOrderAsync(new RescheduleWorkOrderRequest
        {
            OrderId = NextWeek, VisitStart = Timestamp.FromDateTimeOffset(DateTimeOffset.UtcNow.AddDays(3)),
        }).ResponseAsync);
        Assert.Equal(StatusCode.InvalidArgument, noReason.StatusCode);
        var unknown = await Assert.ThrowsAsync<RpcException>(() => engineer.GetMaintenanceOrderAsync(new GetMaintenanceOrderRequest { OrderId = "t-pump-pm/nope/2026-01-01" }).ResponseAsync);
        Assert.Equal(StatusCode.NotFound, unknown.StatusCode);
    }
}
