using FacilityHub.Domain.Alarms;
using FacilityHub.Domain.Inspections;
using FacilityHub.Domain.Quality;
using FacilityHub.Domain.Telemetry;
using FacilityHub.Domain.Topology;

namespace FacilityHub.Domain.Tests;

/// <summary>Three-level inspections from deploy/inspections.json (Asia/Shanghai, UTC+8) on virtual time.</summary>
public sealed class InspectionTests
{
    // Monday 23 November 2026, 10:00 local.
    private static readonly DateTimeOffset Monday = new(2026, 11, 23, 2, 0, 0, TimeSpan.Zero);
    private static readonly Estate Estate = SampleEstate.Load();
    private static readonly InspectionPlan Plan = InspectionPlanLoader.LoadFile(System.IO.Path.Combine(System.IO.Path.GetDirectoryName(SampleEstate.Path)!, "inspections.json"), Estate);

    private static InspectionPost Post(string buildingId, string checklistId)
    {
        Assert.True(Estate.TryGetSite("riverside", out var site));
        return Assert.Single(Plan.PostsOf(site), p => p.BuildingId == buildingId && p.Checklist.Id == checklistId);
    }

    private static DateTimeOffset LocalMidnight(int year, int month, int day) => new(year, month, day, 0, 0, 0, TimeSpan.FromHours(8));

    [Fact]
    public void Every_building_with_an_item_of_a_checklists_kind_is_a_post()
    {
        Assert.True(Estate.TryGetSite("riverside", out var site));
        var posts = Plan.PostsOf(site).Select(p => p.Id).ToHashSet();

        Assert.Contains("rs-b1/pump_room", posts);
        Assert.Contains("rs-b2/pump_room", posts);
        Assert.Contains("rs-club/canteen_kitchen", posts);
        Assert.Contains("rs-b1/home_alarm_service", posts);
        Assert.DoesNotContain("rs-club/pump_room", posts);
    }

    [Fact]
    public void A_post_covered_on_monday_is_due_again_by_the_end_of_thursday_and_overdue_on_friday()
    {
        var post = Post("rs-b1", "pump_room");

        var due = RoundSchedule.Next(post, InspectionLevel.Daily, Plan.Calendar, Monday.AddDays(-30), lastDoneAt: Monday, now: Monday.AddDays(3));

        Assert.Equal(LocalMidnight(2026, 11, 27), due.DueAt);
        Assert.False(due.Overdue);
        Assert.True(RoundSchedule.Next(post, InspectionLevel.Daily, Plan.Calendar, Monday.AddDays(-30), Monday, LocalMidnight(2026, 11, 27)).Overdue);
    }

    [Fact]
    public void Weekends_and_holidays_do_not_count_as_working_days_but_a_declared_working_weekend_does()
    {
        var post = Post("rs-b1", "pump_room");
        // Covered Thursday 24 Sep 2026: Fri 25, Mon 28, Tue 29 are the 3 working days.
        var thursday = new DateTimeOffset(2026, 9, 24, 10, 0, 0, TimeSpan.FromHours(8));
        Assert.Equal(LocalMidnight(2026, 9, 30), RoundSchedule.Next(post, InspectionLevel.Daily, Plan.Calendar, thursday.AddDays(-30), thursday, thursday).DueAt);
        // Covered Wednesday 30 Sep: 1-7 Oct are holidays or the weekend; Thu 8, Fri 9 and the working Saturday 10 count.
        var eve = new DateTimeOffset(2026, 9, 30, 10, 0, 0, TimeSpan.FromHours(8));
        Assert.Equal(LocalMidnight(2026, 10, 11), RoundSchedule.Next(post, InspectionLevel.Daily, Plan.Calendar, eve.AddDays(-30), eve, eve).DueAt);
    }

    [Fact]
    public void A_weekly_round_is_due_by_sunday_night_and_one_done_this_week_moves_it_to_next_week()
    {
        var post = Post("rs-b1", "pump_room");
        var planStart = Monday.AddDays(-30);

        var none = RoundSchedule.Next(post, InspectionLevel.Weekly, Plan.Calendar, planStart, lastDoneAt: Monday.AddDays(-7), now: Monday);
        Assert.Equal(LocalMidnight(2026, 11, 30), none.DueAt);
        var done = RoundSchedule.Next(post, InspectionLevel.Weekly, Plan.Calendar, planStart, lastDoneAt: Monday, now: Monday);
        Assert.Equal(LocalMidnight(2026, 12, 7), done.DueAt);
        // Last done two weeks back: last week's round is missing and overdue since last Sunday night.
        var missed = RoundSchedule.Next(post, InspectionLevel.Weekly, Plan.Calendar, planStart, lastDoneAt: Monday.AddDays(-14), now: Monday);
        Assert.Equal(LocalMidnight(2026, 11, 23), missed.DueAt);
        Assert.True(missed.Overdue);
    }

    [Fact]
    public void The_week_and_month_under_way_when_the_plan_starts_are_not_required()
    {
        var post = Post("rs-b1", "pump_room");

        Assert.Equal(LocalMidnight(2026, 12, 7), RoundSchedule.Next(post, InspectionLevel.Weekly, Plan.Calendar, Monday, null, Monday).DueAt);
        Assert.Equal(LocalMidnight(2027, 1, 1), RoundSchedule.Next(post, InspectionLevel.Monthly, Plan.Calendar, Monday, null, Monday).DueAt);
        Assert.Equal(LocalMidnight(2026, 12, 1), RoundSchedule.Next(post, InspectionLevel.Monthly, Plan.Calendar, LocalMidnight(2026, 11, 1), null, Monday).DueAt);
    }

    [Fact]
    public void A_month_requires_one_daily_round_per_started_block_of_three_working_days_per_post()
    {
        // November 2026: 21 working days -> 7; October 2026: 22 weekdays - 5 holidays + 1 working Saturday = 18 -> 6.
        Assert.Equal(7, RoundSchedule.RequiredInMonth(InspectionLevel.Daily, Plan.Calendar, 2026, 11));
        Assert.Equal(6, RoundSchedule.RequiredInMonth(InspectionLevel.Daily, Plan.Calendar, 2026, 10));
        Assert.Equal(5, RoundSchedule.RequiredInMonth(InspectionLevel.Weekly, Plan.Calendar, 2026, 11));
        Assert.Equal(1, RoundSchedule.RequiredInMonth(InspectionLevel.Monthly, Plan.Calendar, 2026, 11));
    }

    [Fact]
    public void A_round_needs_every_item_once_and_a_note_on_each_failure_and_its_failures_are_the_nonconformances()
    {
        var checklist = Plan.Checklist("pump_room")!;
        ItemCheck[] checks =
        [
            new("no_leaks", ItemResult.Fail, "drip at valve V3"),
            new("pressure_gauge", ItemResult.Pass, ""),
            new("noise_vibration", ItemResult.Pass, ""),
            new("room_clean", ItemResult.NotApplicable, "painters at work"),
            new("log_filled", ItemResult.Pass, ""),
        ];

        var failed = Assert.Single(InspectionSheet.FailedItems(checklist, InspectionLevel.Daily, checks));
        Assert.Equal(("no_leaks", "water supply", NonconformanceSeverity.Major), (failed.Id, failed.Category, failed.Severity));
        Assert.Contains("log_filled", Assert.Throws<ArgumentException>(() => InspectionSheet.FailedItems(checklist, InspectionLevel.Daily, checks[..4])).Message);
        Assert.Contains("note", Assert.Throws<ArgumentException>(() => InspectionSheet.FailedItems(checklist, InspectionLevel.Daily, [checks[0] with { Note = " " }, .. checks[1..]])).Message);
        Assert.Throws<ArgumentException>(() => InspectionSheet.FailedItems(checklist, InspectionLevel.Daily, [.. checks, new("no_leaks", ItemResult.Pass, "")]));
        Assert.Throws<QualityActionRefusedException>(() => InspectionSheet.FailedItems(Plan.Checklist("home_alarm_service")!, InspectionLevel.Daily, []));
    }

    [Theory]
    [InlineData("""{ "checklists": [ { "id": "x", "kinds": ["lift"], "levels": ["daily"], "items": [ { "id": "a", "text": "t", "category": "c" } ] } ] }""", "Checklist 'x': kind 'lift' is not defined")]
    [InlineData("""{ "checklists": [ { "id": "x", "kinds": ["water_pump"], "levels": ["hourly"], "items": [ { "id": "a", "text": "t", "category": "c" } ] } ] }""", "level 'hourly' is not one of daily, weekly, monthly")]
    [InlineData("""{ "checklists": [ { "id": "x", "kinds": ["water_pump"], "levels": ["daily"], "items": [ { "id": "a", "text": "t" } ] } ] }""", "item 'a': 'category' is required")]
    [InlineData("""{ "checklists": [ { "id": "x", "kinds": ["water_pump"], "levels": ["daily"], "items": [ { "id": "a", "text": "t", "category": "c", "severity": "fatal" } ] } ] }""", "severity 'fatal' is not one of minor, major, critical")]
    [InlineData("""{ "timezone": "Mars/Olympus" }""", "'timezone': 'Mars/Olympus' is not a known time zone")]
    [InlineData("""{ "holidays": ["1 Oct"] }""", "'holidays': '1 Oct' is not a date")]
    [InlineData("""{ "checklist": [] }""", "not valid JSON")]
    public void A_bad_inspections_file_is_refused_with_a_message_naming_the_entry(string json, string expected)
    {
        var e = Assert.Throws<InspectionPlanException>(() => InspectionPlanLoader.Parse(json, Estate));
        Assert.Contains(expected, e.Message);
    }

    [Fact]
    public void A_nonconformance_escalates_when_nobody_takes_the_action_in_time_or_the_action_passes_its_due_date()
    {
        var policy = new QualityPolicy { AssignActionWithin = TimeSpan.FromHours(8) };

        Assert.Equal(Monday.AddHours(8), NonconformanceLifecycle.EscalatesAt(NonconformanceState.Open, Monday, null, policy));
        Assert.Equal(Monday.AddDays(3), NonconformanceLifecycle.EscalatesAt(NonconformanceState.ActionAssigned, Monday, Monday.AddDays(3), policy));
        Assert.Null(NonconformanceLifecycle.EscalatesAt(NonconformanceState.ActionCompleted, Monday, Monday.AddDays(3), policy));
        Assert.Null(NonconformanceLifecycle.EscalatesAt(NonconformanceState.Verified, Monday, Monday.AddDays(3), policy));
    }

    [Fact]
    public void Capa_steps_go_assign_complete_verify_and_anything_out_of_order_is_refused_with_the_reason()
    {
        var policy = new QualityPolicy();

        NonconformanceLifecycle.CheckAssign(NonconformanceState.Open);
        NonconformanceLifecycle.CheckDue(Monday.AddDays(2), Monday, policy);
        Assert.Contains("no action is assigned", Assert.Throws<QualityActionRefusedException>(() => NonconformanceLifecycle.CheckComplete(NonconformanceState.Open)).Message);
        Assert.Contains("only a completed action", Assert.Throws<QualityActionRefusedException>(() => NonconformanceLifecycle.CheckVerify(NonconformanceState.ActionAssigned)).Message);
        Assert.Contains("awaits verification", Assert.Throws<QualityActionRefusedException>(() => NonconformanceLifecycle.CheckAssign(NonconformanceState.ActionCompleted)).Message);
        Assert.Throws<ArgumentException>(() => NonconformanceLifecycle.CheckDue(Monday.AddHours(-1), Monday, policy));
        Assert.Throws<ArgumentException>(() => NonconformanceLifecycle.CheckDue(Monday.AddDays(91), Monday, policy));
    }

    [Fact]
    public void A_complaint_text_with_a_phone_number_is_refused_and_an_answer_within_24_hours_is_in_time()
    {
        Assert.Throws<ArgumentException>(() => ComplaintRules.CheckText("noise from pump room, call 138 0013 8000", "subject"));
        ComplaintRules.CheckText("noise from the B1 pump room after 22:00", "subject");
        Assert.True(ComplaintRules.AnsweredInTime(Monday, Monday.AddHours(24)));
        Assert.False(ComplaintRules.AnsweredInTime(Monday, Monday.AddHours(24).AddSeconds(1)));
        Assert.False(ComplaintRules.AnsweredInTime(Monday, null));
    }

    [Fact]
    public void A_missed_lunch_names_its_period_so_the_same_finding_after_a_restart_has_the_same_key()
    {
        Assert.True(Estate.TryGetEquipment("rs-club-dishwasher-1", out var item));
        // 10:00 local, lunch 11:30-14:30 (the canteen's override).
        var morning = new DateTimeOffset(2026, 11, 25, 2, 0, 0, TimeSpan.Zero);
        var lunchEnd = new DateTimeOffset(2026, 11, 25, 6, 30, 0, TimeSpan.Zero);
        var monitor = new EquipmentMonitor(item.Kind, morning);
        monitor.Observe(new DeviceEvent(item.Id, morning.AddHours(2), "water_changed", null), morning.AddHours(2));

        var change = Assert.Single(monitor.Tick(lunchEnd), c => c.Rule.Id == "water_changes");

        Assert.NotNull(change.Period);
        var finding = new ComplianceFinding(item.Id, change.Rule.Id, change.Period, change.Message);
        Assert.Equal("rs-club-dishwasher-1/water_changes/lunch/20261125T0330", finding.Key);
    }
}
