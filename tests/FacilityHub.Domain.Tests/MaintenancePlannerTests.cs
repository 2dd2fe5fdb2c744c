using FacilityHub.Domain.Maintenance;
using FacilityHub.Domain.Topology;

namespace FacilityHub.Domain.Tests;

public sealed class MaintenancePlannerTests
{
    private static readonly DateTimeOffset NewYear = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Slack = TimeSpan.FromMinutes(30);

    private const string Teams = """
        "teams": [
          { "id": "plumbing", "skill": "plumbing", "timezone": "UTC", "working_days": ["mon","tue","wed","thu","fri"], "hours": "08:00-17:00", "capacity": CAPACITY },
          { "id": "kitchen", "skill": "kitchen_equipment", "timezone": "UTC", "working_days": ["mon","tue","wed","thu","fri"], "hours": "08:00-17:00", "capacity": 1 }
        ]
        """;

    private static (MaintenanceSetup Setup, Estate Estate) Setup(string plans, int capacity = 1, int pumps = 1)
    {
        string items = string.Join(",", Enumerable.Range(1, pumps).Select(i => $$"""{ "id": "p{{i}}", "kind": "water_pump" }"""));
        string json = $$"""
            {
              "kinds": {
                "water_pump": { "metrics": { "running": { "min": 0, "max": 1 } } },
                "dishwasher": { "metrics": { "conveyor_running": { "min": 0, "max": 1 } } }
              },
              "sites": [ { "id": "s", "buildings": [ { "id": "b", "equipment": [ {{items}}, { "id": "dw", "kind": "dishwasher" } ] } ] } ],
              "maintenance": { {{Teams.Replace("CAPACITY", capacity.ToString(System.Globalization.CultureInfo.InvariantCulture))}}, "plans": [ {{plans}} ] }
            }
            """;
        var estate = TopologyLoader.Parse(json);
        return (MaintenanceSetupLoader.Parse(json, estate), estate);
    }

    /// <summary>Runs the planner every <paramref name="step"/> over 2026 on virtual time; the orders made, by id (a second
    /// make of the same id counts as a duplicate).</summary>
    private static (Dictionary<string, ScheduledOrder> Orders, int Duplicates, List<Appointment> Bookings) SimulateYear(
        MaintenanceSetup setup, Estate estate, TimeSpan step, Func<DateTimeOffset, bool>? running = null, Func<DateTimeOffset, bool>? restartAt = null)
    {
        var now = NewYear;
        var planner = new MaintenancePlanner(setup, estate.Equipment, Slack);
        var progress = new Dictionary<string, long>();
        var bookings = new List<Appointment>();
        var meters = new Dictionary<string, RuntimeMeter>();
        (Dictionary<string, long>, List<Appointment>) saved = (new(progress), new(bookings));
        var orders = new Dictionary<string, ScheduledOrder>();
        int duplicates = 0;
        for (; now < NewYear.AddYears(1); now += step)
        {
            if (running is not null)
            {
                foreach (var item in estate.Equipment.Where(e => e.Kind.Name == "water_pump"))
                {
                    meters[item.Id] = meters.GetValueOrDefault(item.Id, RuntimeMeter.Zero).Observe(now, running(now));
                }
            }
            if (restartAt?.Invoke(now) == true)
            {
                // The hub died after its last save: what it did since is lost and done again.
                progress = new(saved.Item1);
                bookings = new(saved.Item2);
            }
            if (now.Hour == 0) saved = (new(progress), new(bookings));
            foreach (var order in planner.Plan(now, progress, bookings, meters))
            {
                if (!orders.TryAdd(order.OrderId, order)) duplicates++;
            }
        }
        return (orders, duplicates, bookings);
    }

    private static IEnumerable<ScheduledOrder> DueIn2026(IEnumerable<ScheduledOrder> orders) => orders.Where(o => o.DueAt.Year == 2026);

    [Fact]
    public void A_weekly_plan_makes_one_order_for_each_of_the_52_mondays_of_2026()
    {
        var (setup, estate) = Setup("""{ "id": "descaling", "kind": "dishwasher", "skill": "kitchen_equipment", "duration_min": 90, "calendar": { "every": 1, "unit": "week", "start": "2026-01-05" } }""");

        var (orders, duplicates, _) = SimulateYear(setup, estate, TimeSpan.FromHours(1));

        var year = DueIn2026(orders.Values).OrderBy(o => o.DueAt).ToList();
        Assert.Equal(52, year.Count);
        Assert.All(year, o => Assert.Equal(DayOfWeek.Monday, o.DueAt.DayOfWeek));
        Assert.Equal(new DateOnly(2026, 1, 5), DateOnly.FromDateTime(year[0].DueAt.UtcDateTime));
        Assert.Equal(new DateOnly(2026, 12, 28), DateOnly.FromDateTime(year[^1].DueAt.UtcDateTime));
        Assert.All(year.Zip(year.Skip(1)), p => Assert.Equal(TimeSpan.FromDays(7), p.Second.DueAt - p.First.DueAt));
        Assert.All(year, o => Assert.Equal("dw/descaling/" + o.DueAt.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), o.OrderId));
        // Nothing else is booked that day: each visit is at the start of its due day.
        Assert.All(year, o => Assert.Equal(o.DueAt.AddHours(8), o.Appointment.Start));
        Assert.Equal(0, duplicates);
    }

    [Fact]
    public void A_weekly_plan_starting_on_a_thursday_of_a_year_with_53_thursdays_makes_53_orders()
    {
        // 2026 starts on a Thursday: 53 of them.
        var (setup, estate) = Setup("""{ "id": "descaling", "kind": "dishwasher", "skill": "kitchen_equipment", "duration_min": 90, "calendar": { "every": 1, "unit": "week", "start": "2026-01-01" } }""");

        var (orders, _, _) = SimulateYear(setup, estate, TimeSpan.FromHours(1));

        Assert.Equal(53, DueIn2026(orders.Values).Count());
    }

    [Fact]
    public void A_monthly_plan_makes_twelve_orders_each_due_on_the_fifth_and_booked_on_the_next_working_day_when_that_is_a_weekend()
    {
        var (setup, estate) = Setup("""{ "id": "inspection", "kind": "water_pump", "skill": "plumbing", "duration_min": 60, "calendar": { "every": 1, "unit": "month", "start": "2026-01-05" } }""");

        var (orders, duplicates, _) = SimulateYear(setup, estate, TimeSpan.FromHours(1));

        var year = DueIn2026(orders.Values).OrderBy(o => o.DueAt).ToList();
        Assert.Equal(12, year.Count);
        Assert.All(year, o => Assert.Equal(5, o.DueAt.Day));
        // 2026-04-05 is a Sunday: booked Monday the 6th at 08:00.
        var april = year.Single(o => o.DueAt.Month == 4);
        Assert.Equal(new DateTimeOffset(2026, 4, 6, 8, 0, 0, TimeSpan.Zero), april.Appointment.Start);
        Assert.Equal(0, duplicates);
    }

    [Fact]
    public void Orders_are_made_the_lead_ahead_of_their_date_not_earlier()
    {
        var (setup, estate) = Setup("""{ "id": "inspection", "kind": "water_pump", "skill": "plumbing", "duration_min": 60, "lead_days": 10, "calendar": { "every": 1, "unit": "month", "start": "2026-03-20" } }""");
        var planner = new MaintenancePlanner(setup, estate.Equipment, Slack);
        var progress = new Dictionary<string, long>();
        var bookings = new List<Appointment>();

        Assert.Empty(planner.Plan(new DateTimeOffset(2026, 3, 9, 23, 0, 0, TimeSpan.Zero), progress, bookings, new Dictionary<string, RuntimeMeter>()));
        var made = planner.Plan(new DateTimeOffset(2026, 3, 10, 0, 0, 0, TimeSpan.Zero), progress, bookings, new Dictionary<string, RuntimeMeter>());

        Assert.Equal("p1/inspection/2026-03-20", Assert.Single(made).OrderId);
    }

    [Fact]
    public void A_runtime_plan_on_a_pump_running_sixteen_hours_a_day_makes_the_hand_computed_orders()
    {
        // 06:00-22:00 every day: 16 h and one start a day, 5,840 h and 365 starts in 2026.
        var (setup, estate) = Setup("""
            { "id": "greasing", "kind": "water_pump", "skill": "plumbing", "duration_min": 45, "runtime": { "every_hours": 500 } },
            { "id": "contactor_check", "kind": "water_pump", "skill": "plumbing", "duration_min": 30, "runtime": { "every_starts": 100 } }
            """);

        var (orders, duplicates, _) = SimulateYear(setup, estate, TimeSpan.FromHours(1), running: t => t.Hour is >= 6 and < 22);

        var greasing = orders.Values.Where(o => o.PlanId == "greasing").OrderBy(o => o.DueAt).ToList();
        Assert.Equal(11, greasing.Count); // floor(5840 / 500)
        Assert.Equal(Enumerable.Range(1, 11).Select(n => $"p1/greasing/{n * 500}h"), greasing.Select(o => o.OrderId));
        // 500 h are reached on day 32 (31 days x 16 h = 496 h, then 4 h more): 2026-02-01 10:00.
        Assert.Equal(new DateTimeOffset(2026, 2, 1, 10, 0, 0, TimeSpan.Zero), greasing[0].DueAt);
        var starts = orders.Values.Where(o => o.PlanId == "contactor_check").Select(o => o.OrderId).Order().ToList();
        Assert.Equal(["p1/contactor_check/100starts", "p1/contactor_check/200starts", "p1/contactor_check/300starts"], starts);
        Assert.Equal(0, duplicates);
    }

    [Fact]
    public void Capacity_and_thirty_minutes_of_slack_are_never_broken_over_a_busy_year()
    {
        // Twelve pumps inspected on the same days, greased by runtime, two crews: the day fills up and spills over.
        var (setup, estate) = Setup("""
            { "id": "inspection", "kind": "water_pump", "skill": "plumbing", "duration_min": 120, "calendar": { "every": 2, "unit": "week", "start": "2026-01-05" } },
            { "id": "greasing", "kind": "water_pump", "skill": "plumbing", "duration_min": 45, "runtime": { "every_hours": 300 } }
            """, capacity: 2, pumps: 12);

        var (orders, duplicates, bookings) = SimulateYear(setup, estate, TimeSpan.FromHours(1), running: t => t.Hour is >= 6 and < 22);

        Assert.True(orders.Count > 12 * 26, $"only {orders.Count} orders");
        var team = setup.Team("plumbing")!;
        Assert.All(bookings, b => Assert.True(team.IsWithinWorkingHours(b.Start, b.Duration), $"{b.OrderId} at {b.Start:u}"));
        // Each visit holds a crew until 30 minutes after it ends; never more than 2 crews at any start.
        foreach (var b in bookings)
        {
            int held = bookings.Count(o => o.Start <= b.Start && b.Start < o.End + Slack);
            Assert.True(held <= 2, $"{held} visits held at {b.Start:u}");
        }
        // Spilled-over visits still come on or after their due time.
        Assert.All(orders.Values, o => Assert.True(o.Appointment.Start >= o.DueAt, o.OrderId));
        Assert.Equal(0, duplicates);
    }

    [Fact]
    public void Replaying_after_restarts_that_lost_the_last_hours_makes_no_new_order()
    {
        var (setup, estate) = Setup("""
            { "id": "inspection", "kind": "water_pump", "skill": "plumbing", "duration_min": 60, "calendar": { "every": 1, "unit": "week", "start": "2026-01-05" } },
            { "id": "greasing", "kind": "water_pump", "skill": "plumbing", "duration_min": 45, "runtime": { "every_hours": 500 } }
            """, pumps: 3);
        static bool Running(DateTimeOffset t) => t.Hour is >= 6 and < 22;

        var (calm, _, _) = SimulateYear(setup, estate, TimeSpan.FromHours(1), Running);
        // A crash every day at 13:00 loses everything since midnight.
        var (crashing, duplicates, _) = SimulateYear(setup, estate, TimeSpan.FromHours(1), Running, restartAt: t => t.Hour == 13);

        Assert.Equal(calm.Keys.Order(), crashing.Keys.Order());
        Assert.True(duplicates > 0, "the test should replay some orders");
    }

    [Fact]
    public void An_occurrence_missed_while_the_hub_was_down_is_made_once_and_superseded_ones_are_not()
    {
        var (setup, estate) = Setup("""{ "id": "inspection", "kind": "water_pump", "skill": "plumbing", "duration_min": 60, "lead_days": 0, "calendar": { "every": 1, "unit": "week", "start": "2026-01-05" } }""");
        var planner = new MaintenancePlanner(setup, estate.Equipment, Slack);
        var progress = new Dictionary<string, long>();
        var bookings = new List<Appointment>();
        var none = new Dictionary<string, RuntimeMeter>();
        Assert.Single(planner.Plan(new DateTimeOffset(2026, 1, 5, 7, 0, 0, TimeSpan.Zero), progress, bookings, none));

        // Down from Jan 6 to Wednesday Jan 28: the 12th, 19th and 26th were missed; only the 26th is made, at once.
        var made = planner.Plan(new DateTimeOffset(2026, 1, 28, 9, 10, 0, TimeSpan.Zero), progress, bookings, none);

        var order = Assert.Single(made);
        Assert.Equal("p1/inspection/2026-01-26", order.OrderId);
        Assert.Equal(new DateTimeOffset(2026, 1, 28, 9, 30, 0, TimeSpan.Zero), order.Appointment.Start);
    }

    [Fact]
    public void A_visit_closer_than_thirty_minutes_to_another_of_a_one_crew_team_is_refused_and_one_after_the_slack_is_taken()
    {
        var (setup, _) = Setup("""{ "id": "inspection", "kind": "water_pump", "skill": "plumbing", "duration_min": 60, "calendar": { "every": 1, "unit": "week", "start": "2026-01-05" } }""");
        var team = setup.Team("plumbing")!;
        var monday10 = new DateTimeOffset(2026, 1, 5, 10, 0, 0, TimeSpan.Zero);
        var booked = new[] { new Appointment("a", "plumbing", monday10, monday10.AddHours(1)) };

        Assert.Contains("30 minutes", AppointmentBook.Problem(team, booked, new Appointment("b", "plumbing", monday10.AddMinutes(80), monday10.AddMinutes(140)), Slack));
        Assert.Null(AppointmentBook.Problem(team, booked, new Appointment("b", "plumbing", monday10.AddMinutes(90), monday10.AddMinutes(150)), Slack));
        Assert.Contains("30 minutes", AppointmentBook.Problem(team, booked, new Appointment("b", "plumbing", monday10.AddMinutes(-80), monday10.AddMinutes(-20)), Slack));
        Assert.Contains("working hours", AppointmentBook.Problem(team, booked, new Appointment("b", "plumbing", monday10.AddHours(8), monday10.AddHours(9)), Slack));
        // Moving an order onto its own old slot is fine.
        Assert.Null(AppointmentBook.Problem(team, booked, new Appointment("a", "plumbing", monday10.AddMinutes(30), monday10.AddMinutes(90)), Slack));
    }

    [Fact]
    public void The_shipped_topology_has_teams_for_every_skill_and_its_plans()
    {
        var estate = SampleEstate.Load();
        var setup = MaintenanceSetupLoader.LoadFile(SampleEstate.Path, estate);

        Assert.Equal(MaintenanceSetup.KnownSkills.Order(), setup.Teams.Select(t => t.Skill).Order());
        Assert.Contains(setup.Plans, p => p.Id == "bearing_greasing" && p.Runtime is { Basis: RuntimeBasis.Hours, Every: 2000 });
        Assert.Contains(setup.Plans, p => p.Id == "descaling" && p.Calendar is { Unit: CalendarUnit.Week });
        // Streamed from the file, only its "maintenance" section read: the same as from the whole text.
        var parsed = MaintenanceSetupLoader.Parse(File.ReadAllText(SampleEstate.Path), estate);
        Assert.Equal(parsed.Teams.Select(t => t.Id), setup.Teams.Select(t => t.Id));
        Assert.Equal(parsed.Plans.Select(p => (p.Id, p.ScheduleText)), setup.Plans.Select(p => (p.Id, p.ScheduleText)));
    }

    [Fact]
    public void A_plan_whose_skill_no_team_has_is_refused_naming_the_plan_and_field()
    {
        var e = Assert.Throws<TopologyException>(() => Setup("""{ "id": "lifts", "kind": "water_pump", "skill": "lifts", "calendar": { "every": 1, "unit": "month", "start": "2026-01-05" } }"""));
        Assert.Contains("plan 'lifts'", e.Message);
        Assert.Contains(".skill", e.Message);
    }
}
