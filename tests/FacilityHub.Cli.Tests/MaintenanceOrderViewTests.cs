using FacilityHub.Api.V1;
using FacilityHub.Cli.Maintenance;
using Google.Protobuf.WellKnownTypes;

namespace FacilityHub.Cli.Tests;

public sealed class MaintenanceOrderViewTests
{
    private static MaintenanceOrder Order(string id, DateTimeOffset start) => new()
    {
        Id = id, Title = "Monthly pump inspection", EquipmentId = "rs-b1-pump-1", TeamId = "plumbing", PlanId = "pump_inspection",
        Schedule = "every 1 month from 2026-01-05", Occurrence = "2026-12-05", Status = MaintenanceOrderStatus.Scheduled,
        VisitStart = Timestamp.FromDateTimeOffset(start), VisitEnd = Timestamp.FromDateTimeOffset(start.AddHours(1)),
    };

    [Fact]
    public void The_week_shows_each_visit_in_the_teams_local_time()
    {
        var week = new TeamWeek
        {
            Team = new MaintenanceTeam { Id = "plumbing", Name = "Plumbing crew", Skill = "plumbing", TimeZone = "Asia/Shanghai", Hours = "08:30-17:30", Capacity = 2, WorkingDays = { "mon", "fri" } },
            WeekStart = "2026-12-07",
        };
        // 00:30 UTC is 08:30 in Shanghai.
        week.Orders.Add(Order("rs-b1-pump-1/pump_inspection/2026-12-05", new DateTimeOffset(2026, 12, 7, 0, 30, 0, TimeSpan.Zero)));

        string text = MaintenanceOrderView.RenderWeek(week);

        Assert.Contains("Team plumbing (Plumbing crew), skill plumbing: week of 2026-12-07, mon,fri 08:30-17:30 Asia/Shanghai, 2 at a time", text);
        Assert.Contains("Mon 2026-12-07 08:30", text);
        Assert.Contains("09:30", text);
        Assert.Contains("rs-b1-pump-1/pump_inspection/2026-12-05", text);
        Assert.Contains("scheduled", text);
    }

    [Fact]
    public void An_empty_week_says_so()
    {
        var week = new TeamWeek { Team = new MaintenanceTeam { Id = "alarms", TimeZone = "UTC" }, WeekStart = "2026-12-07" };

        Assert.Contains("No visits booked this week.", MaintenanceOrderView.RenderWeek(week));
    }

    [Fact]
    public void An_order_shows_its_parts_breaches_and_steps()
    {
        var order = Order("rs-b1-pump-1/pump_inspection/2026-12-05", new DateTimeOffset(2026, 12, 7, 0, 30, 0, TimeSpan.Zero));
        order.Status = MaintenanceOrderStatus.Completed;
        order.Parts.Add(new PartUsed { Part = "mechanical seal", Quantity = 1 });
        order.Parts.Add(new PartUsed { Part = "grease (kg)", Quantity = 0.2 });
        order.SlaBreaches.Add(new SlaBreach { Clock = SlaClock.Appointment, Due = Timestamp.FromDateTimeOffset(new DateTimeOffset(2026, 12, 7, 1, 0, 0, TimeSpan.Zero)) });
        order.Steps.Add(new MaintenanceOrderStep { At = Timestamp.FromDateTimeOffset(new DateTimeOffset(2026, 12, 7, 2, 0, 0, TimeSpan.Zero)), Actor = "erin", What = "completed: ok" });

        string text = MaintenanceOrderView.RenderOne(order);

        Assert.Contains("mechanical seal x 1, grease (kg) x 0.2", text);
        Assert.Contains("appointment_missed due 2026-12-07 01:00:00Z", text);
        Assert.Contains("completed: ok", text);
    }

    [Fact]
    public async Task A_reschedule_time_without_an_offset_is_refused()
    {
        var run = await CliRun.RunAsync("maintenance", "reschedule", "rs-b1-pump-1/pump_inspection/2026-12-05", "--at", "2026-12-08T10:00", "--reason", "x");

        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains("--at: '2026-12-08T10:00' is not a time with an offset", run.Error);
    }

    [Fact]
    public void A_requested_home_alarm_service_shows_who_asked_what_and_how_often_nobody_was_home_instead_of_a_plan()
    {
        var order = Order("rs-b1-alarm-0301/repair/3", new DateTimeOffset(2026, 12, 8, 2, 0, 0, TimeSpan.Zero));
        order.Title = "Home alarm repair";
        order.PlanId = "";
        order.ServiceKind = HomeAlarmServiceKind.Repair;
        order.Description = "keypad does not respond";
        order.RequestedBy = "carol";
        order.CreatedAt = Timestamp.FromDateTimeOffset(new DateTimeOffset(2026, 12, 7, 1, 0, 0, TimeSpan.Zero));
        order.DueAt = order.CreatedAt;
        order.Reschedules = 1;
        order.NoAccessVisits = 1;

        string text = MaintenanceOrderView.RenderOne(order);

        Assert.Contains("by carol 2026-12-07 01:00:00Z", text);
        Assert.Contains("keypad does not respond", text);
        Assert.Contains("(moved 1x), nobody home 1x", text);
        Assert.DoesNotContain("Plan", text);
    }

    [Fact]
    public async Task A_service_kind_other_than_commission_relocate_or_repair_is_refused_before_calling_the_hub()
    {
        var run = await CliRun.RunAsync("maintenance", "request-service", "rs-b1-alarm-0301", "--kind", "install", "--description", "x");

        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains("--kind: 'install' is not commission, relocate or repair", run.Error);
    }
}
