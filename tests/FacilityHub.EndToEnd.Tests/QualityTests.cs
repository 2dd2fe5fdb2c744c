using FacilityHub.Api.V1;
using FacilityHub.Auth;
using FacilityHub.Cli;
using FacilityHub.Testing;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;

namespace FacilityHub.EndToEnd.Tests;

/// <summary>Inspections, nonconformances and complaints on the real hub, with the shipped checklists
/// (deploy/inspections.json): the test building rs-test holds pumps and a dishwasher, so it has a pump-room and a
/// canteen-kitchen post. Tests share the hub: each finds its own records by the ids it was given.</summary>
[Collection(HubCollection.Name)]
public sealed class QualityTests(HubFixture hub)
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(15);

    private QualityService.QualityServiceClient QualityAs(string role, string name) => new(hub.As(role, name));

    private async Task<(int Code, string Out, string Err)> Fhub(string role, string name, params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        int code = await FhubCli.RunAsync(args, stdout, stderr, hub.FhubAs(role, name));
        return (code, stdout.ToString(), stderr.ToString());
    }

    internal static RecordInspectionRequest KitchenRound(string failNote) => new()
    {
        SiteId = "riverside", BuildingId = TestTopology.Building, ChecklistId = "canteen_kitchen", Level = InspectionLevel.Daily, Responsible = "Chef Zhao",
        Items =
        {
            new ItemCheck { ItemId = "wash_arms_clean", Result = ItemResult.Pass },
            new ItemCheck { ItemId = "tank_level", Result = ItemResult.Pass },
            new ItemCheck { ItemId = "water_change_log", Result = ItemResult.Pass },
            new ItemCheck { ItemId = "temperatures", Result = ItemResult.Fail, Note = failNote },
            new ItemCheck { ItemId = "floor_dry", Result = ItemResult.NotApplicable, Note = "floor being re-tiled" },
        },
    };

    [Fact]
    public async Task An_inspection_failure_walks_through_nonconformance_action_and_verification_with_fhub()
    {
        // A team leader (engineer) sees the kitchen post due and records a daily round with fhub.
        var due = await Fhub(HubRoles.Engineer, "tom", "inspections", "due", "--site", "riverside", "--level", "daily");
        Assert.Equal(0, due.Code);
        Assert.Contains(due.Out.Split('\n'), l => l.Contains(TestTopology.Building) && l.Contains("pump_room") && l.Contains("daily"));
        var recorded = await Fhub(HubRoles.Engineer, "tom", "inspections", "record", "--site", "riverside", "--building", TestTopology.Building,
            "--checklist", "pump_room", "--level", "daily", "--responsible", "Li Ming",
            "--pass", "pressure_gauge,noise_vibration,room_clean,log_filled", "--fail", "no_leaks=drip at valve V3");
        Assert.True(recorded.Code == 0, recorded.Err);
        Assert.Contains("4 pass, 1 fail, 0 n/a", recorded.Out);
        Assert.Contains("water supply", recorded.Out);

        var quality = QualityAs(HubRoles.Quality, "quinn");
        var inspection = (await quality.ListInspectionsAsync(new ListInspectionsRequest { SiteId = "riverside", Level = InspectionLevel.Daily }))
            .Inspections.First(i => i.BuildingId == TestTopology.Building && i.ChecklistId == "pump_room" && i.Inspector == "tom");
        Assert.Equal("Li Ming", inspection.Responsible);
        string ncId = Assert.Single(inspection.NonconformanceIds);
        // The post is covered now: its next daily round is at least 3 working days away.
        var rounds = (await quality.ListDueRoundsAsync(new ListDueRoundsRequest { SiteId = "riverside", Level = InspectionLevel.Daily })).Rounds;
        var post = Assert.Single(rounds, r => r.BuildingId == TestTopology.Building && r.ChecklistId == "pump_room");
        Assert.False(post.Overdue);
        Assert.True(post.DueAt.ToDateTimeOffset() > DateTimeOffset.UtcNow.AddDays(3));

        // Quality assigns the action, the owner completes it, quality rejects once and then verifies: all with fhub.
        var assigned = await Fhub(HubRoles.Quality, "quinn", "nc", "assign", ncId, "--owner", "erin", "--due", "3d", "--plan", "replace the V3 gland packing; check all glands weekly");
        Assert.True(assigned.Code == 0, assigned.Err);
        Assert.Contains("action_assigned", assigned.Out);
        var early = await Fhub(HubRoles.Quality, "quinn", "nc", "verify", ncId);
        Assert.Equal(1, early.Code);
        Assert.Contains("only a completed action", early.Err);
        Assert.Equal(0, (await Fhub(HubRoles.Engineer, "erin", "nc", "complete", ncId, "--note", "packing replaced")).Code);
        Assert.Equal(0, (await Fhub(HubRoles.Quality, "quinn", "nc", "verify", ncId, "--reject", "--note", "still dripping")).Code);
        Assert.Equal(0, (await Fhub(HubRoles.Engineer, "erin", "nc", "complete", ncId, "--note", "valve replaced")).Code);
        var verified = await Fhub(HubRoles.Quality, "quinn", "nc", "verify", ncId, "--note", "dry after 24 h");
        Assert.True(verified.Code == 0, verified.Err);
        Assert.Contains("verified", verified.Out);

        var nc = (await quality.ListNonconformancesAsync(new ListNonconformancesRequest { SiteId = "riverside", State = NonconformanceState.Verified, Category = "water supply" }))
            .Nonconformances.Single(n => n.NonconformanceId == ncId);
        Assert.Equal((NonconformanceSeverity.Major, "erin", "erin", "quinn", 1), (nc.Severity, nc.ActionOwner, nc.CompletedBy, nc.VerifiedBy, nc.Rejections));
        Assert.Equal(["raised", "action assigned", "action completed", "rejected", "action completed", "verified"], nc.Steps.Select(s => s.What));
        Assert.Null(nc.EscalatedAt);
        Assert.Contains("drip at valve V3", nc.Description);
    }

    [Fact]
    public async Task An_action_past_its_due_date_escalates_and_shows_as_escalated_with_the_time()
    {
        var quality = QualityAs(HubRoles.Quality, "quinn");
        var recorded = await QualityAs(HubRoles.Quality, "quinn").RecordInspectionAsync(KitchenRound("final rinse at 74 C"));
        var nc = Assert.Single(recorded.Nonconformances);
        Assert.Equal(("kitchen hygiene", NonconformanceSeverity.Critical, NonconformanceState.Open), (nc.Category, nc.Severity, nc.State));

        var due = DateTimeOffset.UtcNow.AddSeconds(3);
        await quality.AssignActionAsync(new AssignActionRequest { NonconformanceId = nc.NonconformanceId, Owner = "kitchen supervisor", Due = Timestamp.FromDateTimeOffset(due), Plan = "descale the rinse heater" });

        var escalated = await Eventually.UntilAsync(async () =>
            (await quality.ListNonconformancesAsync(new ListNonconformancesRequest { SiteId = "riverside", EscalatedOnly = true })).Nonconformances.FirstOrDefault(n => n.NonconformanceId == nc.NonconformanceId),
            Deadline, "the overdue action escalates");
        Assert.Equal(NonconformanceState.ActionAssigned, escalated.State);
        Assert.Equal(Timestamp.FromDateTimeOffset(due), escalated.EscalatedAt);
        Assert.Contains(escalated.Steps, s => s.What == "escalated" && s.Actor == "system");
        var listed = await Fhub(HubRoles.Operator, "olga", "nc", "list", "--site", "riverside", "--escalated");
        Assert.Equal(0, listed.Code);
        Assert.Contains(nc.NonconformanceId, listed.Out);
        Assert.Contains("ESCALATED", listed.Out);
        await Eventually.UntilAsync(() => Task.FromResult(hub.HubLog.Contains($"{nc.NonconformanceId} ESCALATED")), Deadline, "the hub logs the escalation");

        // Done late is still done, and stays on record as escalated.
        var completed = await quality.CompleteActionAsync(new CompleteActionRequest { NonconformanceId = nc.NonconformanceId, Note = "heater descaled, rinse at 84 C" });
        Assert.Equal(NonconformanceState.ActionCompleted, completed.State);
        Assert.NotNull(completed.EscalatedAt);
    }

    [Fact]
    public async Task A_round_missing_items_is_refused_naming_them_and_only_quality_and_engineers_record_rounds()
    {
        var request = KitchenRound("rinse cold");
        request.Items.RemoveAt(0);
        var refused = await Assert.ThrowsAsync<RpcException>(async () => await QualityAs(HubRoles.Engineer, "tom").RecordInspectionAsync(request));
        Assert.Equal(StatusCode.InvalidArgument, refused.StatusCode);
        Assert.Contains("wash_arms_clean", refused.Status.Detail);

        var denied = await Assert.ThrowsAsync<RpcException>(async () => await QualityAs(HubRoles.Operator, "olga").RecordInspectionAsync(KitchenRound("rinse cold")));
        Assert.Equal(StatusCode.PermissionDenied, denied.StatusCode);
        var wrongPost = KitchenRound("rinse cold");
        wrongPost.BuildingId = "rs-b1";
        var noPost = await Assert.ThrowsAsync<RpcException>(async () => await QualityAs(HubRoles.Quality, "quinn").RecordInspectionAsync(wrongPost));
        Assert.Equal(StatusCode.FailedPrecondition, noPost.StatusCode);
    }

    [Fact]
    public async Task Customer_service_records_and_answers_complaints_and_the_register_shows_whether_within_24_hours()
    {
        var late = await Fhub(HubRoles.CustomerService, "carol", "complaints", "record", "--site", "riverside", "--category", "noise", "--subject", "pump room hum at night, block 1", "--received", "30h");
        Assert.True(late.Code == 0, late.Err);
        var fresh = await Fhub(HubRoles.CustomerService, "carol", "complaints", "record", "--site", "riverside", "--category", "cleaning", "--subject", "lobby floor not mopped");
        Assert.Equal(0, fresh.Code);
        var phone = await Fhub(HubRoles.CustomerService, "carol", "complaints", "record", "--site", "riverside", "--category", "repairs", "--subject", "call back on 138 0013 8000");
        Assert.Equal(1, phone.Code);
        Assert.Contains("phone number", phone.Err);

        var service = QualityAs(HubRoles.CustomerService, "carol");
        var open = (await service.ListComplaintsAsync(new ListComplaintsRequest { SiteId = "riverside", UnansweredOnly = true })).Complaints;
        var lateOne = open.First(c => c.Subject == "pump room hum at night, block 1");
        var freshOne = open.First(c => c.Subject == "lobby floor not mopped");
        Assert.Equal(0, (await Fhub(HubRoles.CustomerService, "carol", "complaints", "answer", lateOne.ComplaintId, "--answer", "engineers fitted anti-vibration mounts")).Code);
        Assert.Equal(0, (await Fhub(HubRoles.CustomerService, "carol", "complaints", "answer", freshOne.ComplaintId, "--answer", "cleaning schedule changed")).Code);
        var again = await Assert.ThrowsAsync<RpcException>(async () => await service.AnswerComplaintAsync(new AnswerComplaintRequest { ComplaintId = freshOne.ComplaintId, Answer = "again" }));
        Assert.Equal(StatusCode.FailedPrecondition, again.StatusCode);

        var all = (await QualityAs(HubRoles.Quality, "quinn").ListComplaintsAsync(new ListComplaintsRequest { SiteId = "riverside" })).Complaints;
        Assert.False(all.Single(c => c.ComplaintId == lateOne.ComplaintId).AnsweredInTime);
        var answered = all.Single(c => c.ComplaintId == freshOne.ComplaintId);
        Assert.True(answered.AnsweredInTime);
        Assert.Equal(("carol", "carol"), (answered.RecordedBy, answered.AnsweredBy));
        var listed = await Fhub(HubRoles.Quality, "quinn", "complaints", "list", "--site", "riverside");
        Assert.Contains($"{lateOne.ComplaintId}", listed.Out);
        Assert.Contains("NO", listed.Out);
    }

    [Fact]
    public async Task The_monthly_records_hold_the_months_rounds_nonconformances_and_complaints_for_the_report()
    {
        var quality = QualityAs(HubRoles.Quality, "quinn");
        var recorded = await quality.RecordInspectionAsync(KitchenRound("wash tank at 52 C"));
        var complaint = await QualityAs(HubRoles.CustomerService, "carol").RecordComplaintAsync(new RecordComplaintRequest { SiteId = "riverside", Category = "staff", Subject = "rude reply at the gate" });
        // The month in the inspections file's time zone (Asia/Shanghai).
        var local = TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai"));
        string month = local.ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture);

        var records = await quality.GetMonthlyQualityRecordsAsync(new GetMonthlyQualityRecordsRequest { SiteId = "riverside", Month = month });

        Assert.Equal(month, records.Month);
        var daily = Assert.Single(records.Rounds, r => r.Level == InspectionLevel.Daily);
        Assert.True(daily.Done >= 1);
        // Daily posts: the pump rooms of rs-b1, rs-b2 and rs-test, the kitchens of rs-club and rs-test; one round per started 3 working days.
        Assert.Equal(0, daily.Planned % 5);
        Assert.True(daily.Planned >= 5 * 6, $"planned {daily.Planned}");
        var nc = Assert.Single(records.Nonconformances, n => n.NonconformanceId == Assert.Single(recorded.Nonconformances).NonconformanceId);
        Assert.Equal(("kitchen hygiene", NonconformanceSeverity.Critical, false), (nc.Category, nc.Severity, nc.Escalated));
        var listed = Assert.Single(records.Complaints, c => c.ComplaintId == complaint.ComplaintId);
        Assert.Null(listed.AnsweredAt);
        Assert.False(listed.AnsweredInTime);

        var denied = await Assert.ThrowsAsync<RpcException>(async () => await QualityAs(HubRoles.Engineer, "tom").GetMonthlyQualityRecordsAsync(new GetMonthlyQualityRecordsRequest { SiteId = "riverside", Month = month }));
        Assert.Equal(StatusCode.PermissionDenied, denied.StatusCode);
        var bad = await Assert.ThrowsAsync<RpcException>(async () => await quality.GetMonthlyQualityRecordsAsync(new GetMonthlyQualityRecordsRequest { SiteId = "riverside", Month = "November" }));
        Assert.Equal(StatusCode.InvalidArgument, bad.StatusCode);
    }
}
