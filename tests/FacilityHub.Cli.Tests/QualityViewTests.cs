using FacilityHub.Api.V1;
using FacilityHub.Cli.Quality;
using Google.Protobuf.WellKnownTypes;

namespace FacilityHub.Cli.Tests;

public sealed class QualityViewTests
{
    private static Timestamp At(int hour, int minute = 0) => Timestamp.FromDateTimeOffset(new DateTimeOffset(2026, 11, 25, hour, minute, 0, TimeSpan.Zero));

    private static string Lines(params string[] lines) => string.Concat(lines.Select(l => l + Environment.NewLine));

    [Fact]
    public void Overdue_rounds_are_marked_and_a_post_never_inspected_shows_no_last_round()
    {
        var view = QualityViews.DueRounds(
        [
            new DueRound { SiteId = "riverside", BuildingId = "rs-b1", ChecklistId = "pump_room", Level = InspectionLevel.Daily, DueAt = At(0), Overdue = true, LastDoneAt = At(0).ToDateTimeOffset().AddDays(-4).ToTimestamp() },
            new DueRound { SiteId = "riverside", BuildingId = "rs-club", ChecklistId = "canteen_kitchen", Level = InspectionLevel.Weekly, DueAt = At(16) },
        ]);

        Assert.Equal(
            Lines(
                "DUE                   STATUS   LEVEL   SITE       BUILDING  CHECKLIST        LAST DONE",
                "2026-11-25 00:00:00Z  OVERDUE  daily   riverside  rs-b1     pump_room        2026-11-21 00:00:00Z",
                "2026-11-25 16:00:00Z  due      weekly  riverside  rs-club   canteen_kitchen  -"),
            view);
    }

    [Fact]
    public void An_escalated_nonconformance_shows_when_it_escalated_and_its_steps_with_their_actors()
    {
        var nc = new Nonconformance
        {
            NonconformanceId = "riverside/nc-4", RaisedAt = At(9), Severity = NonconformanceSeverity.Critical, Category = "kitchen hygiene",
            State = NonconformanceState.ActionAssigned, ActionOwner = "kitchen supervisor", ActionDue = At(12), EscalatedAt = At(12), Description = "final rinse at 74 C",
            Steps =
            {
                new NonconformanceStep { At = At(9), Actor = "quinn", What = "raised", Note = "inspection riverside/i-2 item temperatures" },
                new NonconformanceStep { At = At(12), Actor = "system", What = "escalated", Note = "" },
            },
        };

        var view = QualityViews.Nonconformance(nc);

        Assert.Contains("riverside/nc-4  2026-11-25 09:00:00Z  critical  kitchen hygiene  action_assigned  kitchen supervisor  2026-11-25 12:00:00Z  ESCALATED 2026-11-25 12:00:00Z  final rinse at 74 C", view);
        Assert.Contains("2026-11-25 12:00:00Z  system  escalated  -", view);
    }

    [Fact]
    public void A_complaint_answered_after_24_hours_says_no_and_an_unanswered_one_shows_nothing_yet()
    {
        var view = QualityViews.Complaints(
        [
            new Complaint { ComplaintId = "riverside/c-1", ReceivedAt = At(1), Category = "noise", Subject = "pump hum", AnsweredAt = At(1).ToDateTimeOffset().AddHours(30).ToTimestamp(), AnsweredBy = "carol", Answer = "mounts fitted" },
            new Complaint { ComplaintId = "riverside/c-2", ReceivedAt = At(8), Category = "cleaning", Subject = "lobby" },
        ]);

        Assert.Contains("riverside/c-1  2026-11-25 01:00:00Z  noise     pump hum  2026-11-26 07:00:00Z  NO      carol  mounts fitted", view);
        Assert.Contains("riverside/c-2  2026-11-25 08:00:00Z  cleaning  lobby     -                     -       -      -", view);
    }

    [Fact]
    public async Task A_due_date_that_is_neither_a_time_nor_a_duration_is_refused_before_calling_the_hub()
    {
        var run = await CliRun.RunAsync("nc", "assign", "riverside/nc-1", "--owner", "erin", "--due", "soon", "--plan", "fix it");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("Invalid value 'soon' for --due: expected a time like 2026-12-01T18:00Z or a duration like 30m", run.Error);
    }

    [Fact]
    public async Task An_unknown_inspection_level_is_refused_naming_the_choices()
    {
        var run = await CliRun.RunAsync("inspections", "due", "--level", "hourly");

        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains("Invalid value 'hourly' for --level: expected one of daily, weekly, monthly.", run.Error);
    }
}
