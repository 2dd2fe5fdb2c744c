using FacilityHub.Domain.Maintenance;
using FacilityHub.Domain.Topology;

namespace FacilityHub.Domain.Tests;

/// <summary>Requested home alarm services are booked by the same rules as planned work, alongside it.</summary>
public sealed class HomeAlarmServiceTests
{
    private static readonly TimeSpan Slack = TimeSpan.FromMinutes(30);

    // Monday 2026-12-07, 07:00 UTC: before the teams' day starts.
    private static readonly DateTimeOffset Monday = new(2026, 12, 7, 7, 0, 0, TimeSpan.Zero);

    private static MaintenanceSetup Setup(int capacity, string extraTeam = "")
    {
        string json = $$"""
            {
              "kinds": {
                "water_pump": { "metrics": { "running": { "min": 0, "max": 1 } } },
                "home_alarm": { "category": "alarm_point", "metrics": { "armed": { "min": 0, "max": 1 } } }
              },
              "sites": [ { "id": "s", "buildings": [ { "id": "b", "equipment": [ { "id": "p1", "kind": "water_pump" } ] } ] } ],
              "maintenance": {
                "teams": [
                  { "id": "alarms", "skill": "alarm_systems", "timezone": "UTC", "working_days": ["mon","tue","wed","thu","fri"], "hours": "09:00-18:00", "capacity": {{capacity}} }
                  {{extraTeam}}
                ],
                "plans": []
              }
            }
            """;
        return MaintenanceSetupLoader.Parse(json, TopologyLoader.Parse(json));
    }

    private static Appointment Planned(string id, string team, DateTimeOffset start, int minutes) => new(id, team, start, start.AddMinutes(minutes));

    [Fact]
    public void A_repair_without_a_preferred_time_goes_to_the_first_slot_after_planned_work_and_its_slack_with_one_crew()
    {
        var setup = Setup(capacity: 1);
        var at9 = Monday.AddHours(2);
        var bookings = new List<Appointment> { Planned("panel-check", "alarms", at9, 60) };

        var visit = HomeAlarmService.Book(setup, bookings, "a1/repair/1", HomeAlarmServiceKind.Repair, preferred: null, Monday, Slack);

        // 09:00-10:00 planned, 30 minutes of slack: the crew is free at 10:30; a repair is booked for an hour.
        Assert.NotNull(visit);
        Assert.Equal("alarms", visit.TeamId);
        Assert.Equal(at9.AddMinutes(90), visit.Start);
        Assert.Equal(TimeSpan.FromHours(1), visit.Duration);
        Assert.Null(AppointmentBook.Problem(setup.Team("alarms")!, bookings, visit, Slack));
    }

    [Fact]
    public void With_two_crews_a_commission_shares_the_planned_visits_hour_but_never_a_third_visit()
    {
        var setup = Setup(capacity: 2);
        var at9 = Monday.AddHours(2);
        var bookings = new List<Appointment> { Planned("a", "alarms", at9, 60), Planned("b", "alarms", at9, 60) };

        var first = HomeAlarmService.Book(setup, bookings, "a1/commission/1", HomeAlarmServiceKind.Commission, null, Monday, Slack)!;
        Assert.Equal(at9.AddMinutes(90), first.Start);
        Assert.Equal(TimeSpan.FromHours(2), first.Duration);

        bookings.RemoveAt(1);
        var alongside = HomeAlarmService.Book(setup, bookings, "a2/commission/2", HomeAlarmServiceKind.Commission, null, Monday, Slack)!;
        Assert.Equal(at9, alongside.Start);
    }

    [Fact]
    public void A_preferred_time_is_kept_when_free_and_the_next_free_slot_after_it_when_not()
    {
        var setup = Setup(capacity: 1);
        var at14 = Monday.AddHours(7);
        var bookings = new List<Appointment> { Planned("planned", "alarms", at14, 60) };

        var free = HomeAlarmService.Book(setup, bookings, "a1/relocate/1", HomeAlarmServiceKind.Relocate, Monday.AddHours(4), Monday, Slack)!;
        Assert.Equal(Monday.AddHours(4), free.Start);
        Assert.Equal(TimeSpan.FromMinutes(90), free.Duration);

        // 14:00 taken until 15:00 plus slack: a relocation wanted at 14:00 is booked at 15:30.
        var taken = HomeAlarmService.Book(setup, bookings, "a1/relocate/2", HomeAlarmServiceKind.Relocate, at14, Monday, Slack)!;
        Assert.Equal(at14.AddMinutes(90), taken.Start);
    }

    [Fact]
    public void A_preferred_time_in_the_past_books_from_now_on_the_half_hour_grid()
    {
        var setup = Setup(capacity: 1);
        var now = Monday.AddHours(3).AddMinutes(10); // 10:10

        var visit = HomeAlarmService.Book(setup, [], "a1/repair/1", HomeAlarmServiceKind.Repair, Monday.AddDays(-2), now, Slack)!;

        Assert.Equal(Monday.AddHours(3).AddMinutes(30), visit.Start);
    }

    [Fact]
    public void A_full_day_spills_a_request_over_to_the_next_working_day_and_a_friday_to_monday()
    {
        var setup = Setup(capacity: 1);
        var friday = Monday.AddDays(4);
        // 09:00-17:30 held by one long visit: no hour-long repair fits before 18:00 with its slack.
        var bookings = new List<Appointment> { Planned("all-day", "alarms", friday.AddHours(2), 8 * 60) };

        var visit = HomeAlarmService.Book(setup, bookings, "a1/repair/1", HomeAlarmServiceKind.Repair, null, friday, Slack)!;

        Assert.Equal(Monday.AddDays(7).AddHours(2), visit.Start);
    }

    [Fact]
    public void The_team_with_the_earliest_free_slot_takes_the_request_and_other_skills_never_do()
    {
        var setup = Setup(capacity: 1, """
            , { "id": "alarms-east", "skill": "alarm_systems", "timezone": "UTC", "working_days": ["mon","tue","wed","thu","fri"], "hours": "09:00-18:00", "capacity": 1 }
            , { "id": "plumbing", "skill": "plumbing", "timezone": "UTC", "working_days": ["mon","tue","wed","thu","fri","sat","sun"], "hours": "00:00-23:30", "capacity": 5 }
            """);
        var bookings = new List<Appointment> { Planned("busy", "alarms", Monday.AddHours(2), 120) };

        var visit = HomeAlarmService.Book(setup, bookings, "a1/repair/1", HomeAlarmServiceKind.Repair, null, Monday, Slack)!;

        Assert.Equal("alarms-east", visit.TeamId);
        Assert.Equal(Monday.AddHours(2), visit.Start);
    }

    [Fact]
    public void Without_an_alarm_systems_team_nothing_is_booked()
    {
        string json = """
            {
              "kinds": { "water_pump": { "metrics": { "running": { "min": 0, "max": 1 } } } },
              "sites": [ { "id": "s", "buildings": [ { "id": "b", "equipment": [ { "id": "p1", "kind": "water_pump" } ] } ] } ],
              "maintenance": { "teams": [ { "id": "plumbing", "skill": "plumbing", "timezone": "UTC", "working_days": ["mon"], "hours": "09:00-18:00", "capacity": 1 } ], "plans": [] }
            }
            """;
        var setup = MaintenanceSetupLoader.Parse(json, TopologyLoader.Parse(json));

        Assert.Null(HomeAlarmService.Book(setup, [], "a1/repair/1", HomeAlarmServiceKind.Repair, null, Monday, Slack));
    }

    [Fact]
    public void Nobody_home_re_books_the_visit_from_the_next_day_not_later_the_same_day()
    {
        var team = Setup(capacity: 1).Team("alarms")!;
        var visitAt10 = Planned("a1/repair/1", "alarms", Monday.AddHours(3), 60);
        var tuesdayFirst = Planned("other", "alarms", Monday.AddDays(1).AddHours(2), 60);

        var rebooked = AppointmentBook.AfterNoAccess(team, [visitAt10, tuesdayFirst], visitAt10, Monday.AddHours(3).AddMinutes(15), Slack)!;

        // Tuesday 09:00-10:00 is taken, plus slack: 10:30. Its own earlier visit does not count against it.
        Assert.Equal(Monday.AddDays(1).AddHours(3).AddMinutes(30), rebooked.Start);
        Assert.Equal(TimeSpan.FromHours(1), rebooked.Duration);
    }

    [Fact]
    public void Nobody_home_recorded_ahead_of_the_visit_re_books_after_the_visits_day_never_before_it()
    {
        var team = Setup(capacity: 1).Team("alarms")!;
        var thursday = Planned("a1/repair/1", "alarms", Monday.AddDays(3).AddHours(3), 60);

        var rebooked = AppointmentBook.AfterNoAccess(team, [thursday], thursday, Monday, Slack)!;

        Assert.Equal(Monday.AddDays(4).AddHours(2), rebooked.Start);
    }

    [Theory]
    [InlineData(HomeAlarmServiceKind.Commission, "t-alarm-a/commission/7")]
    [InlineData(HomeAlarmServiceKind.Relocate, "t-alarm-a/relocate/7")]
    [InlineData(HomeAlarmServiceKind.Repair, "t-alarm-a/repair/7")]
    public void A_requested_service_is_named_by_point_kind_and_number(HomeAlarmServiceKind kind, string id) =>
        Assert.Equal(id, HomeAlarmService.OrderId("t-alarm-a", kind, 7));
}
