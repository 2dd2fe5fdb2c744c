using FacilityHub.Api.V1;
using FacilityHub.Domain.Inspections;
using FacilityHub.Domain.Quality;
using FacilityHub.Domain.Topology;
using FacilityHub.Grains.Quality;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using DomainLevel = FacilityHub.Domain.Inspections.InspectionLevel;
using DomainResult = FacilityHub.Domain.Inspections.ItemResult;
using DomainState = FacilityHub.Domain.Quality.NonconformanceState;
using ProtoLevel = FacilityHub.Api.V1.InspectionLevel;
using ProtoResult = FacilityHub.Api.V1.ItemResult;
using ProtoSeverity = FacilityHub.Api.V1.NonconformanceSeverity;
using ProtoState = FacilityHub.Api.V1.NonconformanceState;

namespace FacilityHub.Server.Api;

/// <summary>Three-level inspections, nonconformances and their corrective actions, the complaints register. The
/// actor on record is the caller's authenticated name.</summary>
public sealed class QualityApi(Estate estate, InspectionPlan plan, QualityPolicy policy, IGrainFactory grains, TimeProvider time) : QualityService.QualityServiceBase
{
    private const int MaxTextLength = 2000;
    private const int MaxNameLength = 100;

    public override async Task<ListDueRoundsResponse> ListDueRounds(ListDueRoundsRequest request, ServerCallContext context)
    {
        var sites = Sites.Resolve(estate, request.SiteId);
        var level = Level(request.Level, "level", required: false);
        var all = await Task.WhenAll(sites.Select(s => grains.GetGrain<IQualityGrain>(s.Id).DueRounds()));
        var response = new ListDueRoundsResponse();
        response.Rounds.AddRange(all.SelectMany(r => r)
            .Where(r => (level is null || r.Level == level) && (!request.OverdueOnly || r.Overdue))
            .OrderBy(r => r.DueAt)
            .Select(r =>
            {
                var round = new DueRound
                {
                    SiteId = r.SiteId, BuildingId = r.BuildingId, ChecklistId = r.ChecklistId, ChecklistName = r.ChecklistName,
                    Level = (ProtoLevel)(int)r.Level, DueAt = Timestamp.FromDateTimeOffset(r.DueAt), Overdue = r.Overdue,
                };
                if (r.LastDoneAt is { } last) round.LastDoneAt = Timestamp.FromDateTimeOffset(last);
                return round;
            }));
        return response;
    }

    public override async Task<RecordInspectionResponse> RecordInspection(RecordInspectionRequest request, ServerCallContext context)
    {
        var site = Sites.Resolve(estate, Requests.Required(request.SiteId, "site_id"))[0];
        Requests.Required(request.BuildingId, "building_id");
        if (!estate.TryGetBuilding(request.BuildingId, out var building) || building.SiteId != site.Id) throw Requests.NotFound($"building '{request.BuildingId}' is not in site '{site.Id}'");
        var checklist = plan.Checklist(Requests.Required(request.ChecklistId, "checklist_id")) ?? throw Requests.NotFound($"checklist '{request.ChecklistId}' is not in the inspections file");
        var level = Level(request.Level, "level", required: true)!.Value;
        string responsible = Name(request.Responsible, "responsible");
        var checks = request.Items.Select((i, n) => new ItemCheckEntry(
            i.ItemId,
            i.Result is ProtoResult.Pass or ProtoResult.Fail or ProtoResult.NotApplicable ? (DomainResult)(int)i.Result : throw Requests.Invalid($"items[{n}].result", "must be pass, fail or not applicable"),
            Text(i.Note, $"items[{n}].note", required: false))).ToArray();
        // Checked here too, so that a bad sheet is INVALID_ARGUMENT naming the item.
        Valid(() => InspectionSheet.FailedItems(checklist, level, [.. checks.Select(c => new FacilityHub.Domain.Inspections.ItemCheck(c.ItemId, c.Result, c.Note))]), "items");
        var recorded = await grains.GetGrain<IQualityGrain>(site.Id).RecordInspection(
            new InspectionDraft(building.Id, checklist.Id, level, Caller.Of(context).Name, responsible, checks));
        var response = new RecordInspectionResponse { Inspection = ToProto(recorded.Inspection) };
        response.Nonconformances.AddRange(recorded.Raised.Select(ToProto));
        return response;
    }

    public override async Task<ListInspectionsResponse> ListInspections(ListInspectionsRequest request, ServerCallContext context)
    {
        var sites = Sites.Resolve(estate, request.SiteId);
        var level = Level(request.Level, "level", required: false);
        int limit = Requests.PageSize(request.PageSize, 100, 1000);
        int offset = Requests.Offset(request.PageToken);
        var (items, total) = await Sites.MergePagesAsync(sites, (s, take) => grains.GetGrain<IQualityGrain>(s).ListInspections(level, 0, take), i => i.InspectedAt, offset, limit);
        var response = new ListInspectionsResponse { NextPageToken = Requests.NextToken(offset, items.Count, total) };
        response.Inspections.AddRange(items.Select(ToProto));
        return response;
    }

    public override async Task<ListNonconformancesResponse> ListNonconformances(ListNonconformancesRequest request, ServerCallContext context)
    {
        var sites = Sites.Resolve(estate, request.SiteId);
        DomainState? state = request.State switch
        {
            ProtoState.Unspecified => null,
            _ when System.Enum.IsDefined((DomainState)(int)request.State) => (DomainState)(int)request.State,
            _ => throw Requests.Invalid("state", $"unknown state {(int)request.State}"),
        };
        string? category = request.Category.Length == 0 ? null : request.Category;
        int limit = Requests.PageSize(request.PageSize, 100, 1000);
        int offset = Requests.Offset(request.PageToken);
        var (items, total) = await Sites.MergePagesAsync(
            sites,
            (s, take) => grains.GetGrain<IQualityGrain>(s).ListNonconformances(new NonconformanceQuery(state, category, request.EscalatedOnly, 0, take)),
            n => n.RaisedAt, offset, limit);
        var response = new ListNonconformancesResponse { NextPageToken = Requests.NextToken(offset, items.Count, total) };
        response.Nonconformances.AddRange(items.Select(ToProto));
        return response;
    }

    public override async Task<Nonconformance> AssignAction(AssignActionRequest request, ServerCallContext context)
    {
        var grain = Nonconformances(request.NonconformanceId);
        string owner = Name(request.Owner, "owner");
        if (request.Due is null) throw Requests.Invalid("due", "is required");
        var due = request.Due.ToDateTimeOffset();
        Valid(() => NonconformanceLifecycle.CheckDue(due, time.GetUtcNow(), policy), "due");
        string actionPlan = Text(request.Plan, "plan", required: true);
        return ToProto(await grain.AssignAction(request.NonconformanceId, owner, due, actionPlan, Caller.Of(context).Name));
    }

    public override async Task<Nonconformance> CompleteAction(CompleteActionRequest request, ServerCallContext context)
    {
        var grain = Nonconformances(request.NonconformanceId);
        string note = Text(request.Note, "note", required: true);
        return ToProto(await grain.CompleteAction(request.NonconformanceId, note, Caller.Of(context).Name));
    }

    public override async Task<Nonconformance> VerifyAction(VerifyActionRequest request, ServerCallContext context)
    {
        var grain = Nonconformances(request.NonconformanceId);
        string note = Text(request.Note, "note", required: !request.Accepted);
        return ToProto(await grain.VerifyAction(request.NonconformanceId, request.Accepted, note, Caller.Of(context).Name));
    }

    public override async Task<Complaint> RecordComplaint(RecordComplaintRequest request, ServerCallContext context)
    {
        var site = Sites.Resolve(estate, Requests.Required(request.SiteId, "site_id"))[0];
        string category = Name(request.Category, "category");
        Valid(() => ComplaintRules.CheckText(category, "category"), "category");
        string subject = Text(request.Subject, "subject", required: true);
        Valid(() => ComplaintRules.CheckText(subject, "subject"), "subject");
        DateTimeOffset? received = request.ReceivedAt?.ToDateTimeOffset();
        if (received is { } r) Valid(() => ComplaintRules.CheckReceived(r, time.GetUtcNow()), "received_at");
        return ToProto(await grains.GetGrain<IQualityGrain>(site.Id).RecordComplaint(new ComplaintDraft(category, subject, received, Caller.Of(context).Name)));
    }

    public override async Task<Complaint> AnswerComplaint(AnswerComplaintRequest request, ServerCallContext context)
    {
        Requests.Required(request.ComplaintId, "complaint_id");
        if (!Grains.Quality.QualityKeys.TrySite(request.ComplaintId, "c", out var siteId)) throw Requests.Invalid("complaint_id", "is not a complaint id (site/c-N)");
        var site = Sites.Resolve(estate, siteId, "complaint_id")[0];
        string answer = Text(request.Answer, "answer", required: true);
        Valid(() => ComplaintRules.CheckText(answer, "answer"), "answer");
        return ToProto(await grains.GetGrain<IQualityGrain>(site.Id).AnswerComplaint(request.ComplaintId, answer, Caller.Of(context).Name));
    }

    public override async Task<ListComplaintsResponse> ListComplaints(ListComplaintsRequest request, ServerCallContext context)
    {
        var sites = Sites.Resolve(estate, request.SiteId);
        int limit = Requests.PageSize(request.PageSize, 100, 1000);
        int offset = Requests.Offset(request.PageToken);
        var (items, total) = await Sites.MergePagesAsync(sites, (s, take) => grains.GetGrain<IQualityGrain>(s).ListComplaints(request.UnansweredOnly, 0, take), c => c.ReceivedAt, offset, limit);
        var response = new ListComplaintsResponse { NextPageToken = Requests.NextToken(offset, items.Count, total) };
        response.Complaints.AddRange(items.Select(ToProto));
        return response;
    }

    public override async Task<FacilityHub.Api.V1.MonthlyQualityRecords> GetMonthlyQualityRecords(GetMonthlyQualityRecordsRequest request, ServerCallContext context)
    {
        var site = Sites.Resolve(estate, Requests.Required(request.SiteId, "site_id"))[0];
        if (!DateOnly.TryParseExact(Requests.Required(request.Month, "month") + "-01", "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var first)
            || first.Year < 2000 || first.Year > 2999)
        {
            throw Requests.Invalid("month", "must be a month like 2026-11");
        }
        var r = await grains.GetGrain<IQualityGrain>(site.Id).GetMonthlyQualityRecords(first.Year, first.Month);
        var response = new FacilityHub.Api.V1.MonthlyQualityRecords
        {
            SiteId = r.SiteId, Month = $"{r.Year:D4}-{r.Month:D2}", From = Timestamp.FromDateTimeOffset(r.From), To = Timestamp.FromDateTimeOffset(r.To),
        };
        response.Rounds.AddRange(r.Rounds.Select(x => new FacilityHub.Api.V1.RoundsPlannedDone { Level = (ProtoLevel)(int)x.Level, Planned = x.Planned, Done = x.Done }));
        response.Nonconformances.AddRange(r.Nonconformances.Select(n =>
        {
            var proto = new FacilityHub.Api.V1.MonthlyNonconformance
            {
                NonconformanceId = n.NonconformanceId, Category = n.Category, Severity = (ProtoSeverity)(int)n.Severity, State = (ProtoState)(int)n.State,
                RaisedAt = Timestamp.FromDateTimeOffset(n.RaisedAt), Escalated = n.Escalated,
            };
            if (n.ActionDue is { } due) proto.ActionDue = Timestamp.FromDateTimeOffset(due);
            if (n.CompletedAt is { } completed) proto.CompletedAt = Timestamp.FromDateTimeOffset(completed);
            if (n.VerifiedAt is { } verified) proto.VerifiedAt = Timestamp.FromDateTimeOffset(verified);
            if (n.EscalatedAt is { } escalated) proto.EscalatedAt = Timestamp.FromDateTimeOffset(escalated);
            return proto;
        }));
        response.Complaints.AddRange(r.Complaints.Select(c =>
        {
            var proto = new FacilityHub.Api.V1.MonthlyComplaint { ComplaintId = c.ComplaintId, Category = c.Category, ReceivedAt = Timestamp.FromDateTimeOffset(c.ReceivedAt), AnsweredInTime = c.AnsweredInTime };
            if (c.AnsweredAt is { } answered) proto.AnsweredAt = Timestamp.FromDateTimeOffset(answered);
            return proto;
        }));
        return response;
    }

    private IQualityGrain Nonconformances(string id)
    {
        Requests.Required(id, "nonconformance_id");
        if (!Grains.Quality.QualityKeys.TrySite(id, "nc", out var siteId)) throw Requests.Invalid("nonconformance_id", "is not a nonconformance id (site/nc-N)");
        var site = Sites.Resolve(estate, siteId, "nonconformance_id")[0];
        return grains.GetGrain<IQualityGrain>(site.Id);
    }

    private static DomainLevel? Level(ProtoLevel level, string field, bool required) => level switch
    {
        ProtoLevel.Unspecified when required => throw Requests.Invalid(field, "is required (daily, weekly or monthly)"),
        ProtoLevel.Unspecified => null,
        ProtoLevel.Daily or ProtoLevel.Weekly or ProtoLevel.Monthly => (DomainLevel)(int)level,
        _ => throw Requests.Invalid(field, $"unknown level {(int)level}"),
    };

    private static string Name(string value, string field)
    {
        var name = Requests.Required(value, field).Trim();
        return name.Length > MaxNameLength || name.Any(char.IsControl) ? throw Requests.Invalid(field, $"must be 1-{MaxNameLength} printable characters") : name;
    }

    private static string Text(string value, string field, bool required)
    {
        if (required) Requests.Required(value, field);
        return value.Length > MaxTextLength ? throw Requests.Invalid(field, $"must be at most {MaxTextLength} characters") : value.Trim();
    }

    /// <summary>A domain check's ArgumentException as INVALID_ARGUMENT (its message names the problem).</summary>
    private static void Valid(Action check, string field)
    {
        try { check(); }
        catch (ArgumentException e) { throw Requests.Invalid(field, e.Message); }
        catch (QualityActionRefusedException e) { throw new RpcException(new Status(StatusCode.FailedPrecondition, e.Message)); }
    }

    private static Inspection ToProto(InspectionEntry i)
    {
        var proto = new Inspection
        {
            InspectionId = i.InspectionId, SiteId = i.SiteId, BuildingId = i.BuildingId, ChecklistId = i.ChecklistId,
            Level = (ProtoLevel)(int)i.Level, InspectedAt = Timestamp.FromDateTimeOffset(i.InspectedAt),
            Inspector = i.Inspector, Responsible = i.Responsible,
        };
        proto.Items.AddRange(i.Items.Select(c => new CheckedItem { ItemId = c.ItemId, Text = c.Text, Result = (ProtoResult)(int)c.Result, Note = c.Note }));
        proto.NonconformanceIds.AddRange(i.NonconformanceIds);
        return proto;
    }

    private static Nonconformance ToProto(NonconformanceEntry n)
    {
        var proto = new Nonconformance
        {
            NonconformanceId = n.NonconformanceId, SiteId = n.SiteId, BuildingId = n.BuildingId, Category = n.Category,
            Severity = (ProtoSeverity)(int)n.Severity, State = (ProtoState)(int)n.State, Description = n.Description, Source = n.SourceKey,
            RaisedAt = Timestamp.FromDateTimeOffset(n.RaisedAt), RaisedBy = n.RaisedBy,
            ActionOwner = n.ActionOwner ?? "", ActionPlan = n.ActionPlan ?? "", CompletedBy = n.CompletedBy ?? "", CompletionNote = n.CompletionNote ?? "",
            VerifiedBy = n.VerifiedBy ?? "", Rejections = n.Rejections,
        };
        if (n.ActionDue is { } due) proto.ActionDue = Timestamp.FromDateTimeOffset(due);
        if (n.CompletedAt is { } completed) proto.CompletedAt = Timestamp.FromDateTimeOffset(completed);
        if (n.VerifiedAt is { } verified) proto.VerifiedAt = Timestamp.FromDateTimeOffset(verified);
        if (n.EscalatedAt is { } escalated) proto.EscalatedAt = Timestamp.FromDateTimeOffset(escalated);
        proto.Steps.AddRange(n.Steps.Select(s => new NonconformanceStep { At = Timestamp.FromDateTimeOffset(s.At), Actor = s.Actor, What = s.What, Note = s.Note }));
        return proto;
    }

    private static Complaint ToProto(ComplaintEntry c)
    {
        var proto = new Complaint
        {
            ComplaintId = c.ComplaintId, SiteId = c.SiteId, Category = c.Category, Subject = c.Subject,
            ReceivedAt = Timestamp.FromDateTimeOffset(c.ReceivedAt), RecordedBy = c.RecordedBy,
            AnsweredBy = c.AnsweredBy ?? "", Answer = c.Answer ?? "",
            AnsweredInTime = ComplaintRules.AnsweredInTime(c.ReceivedAt, c.AnsweredAt),
        };
        if (c.AnsweredAt is { } answered) proto.AnsweredAt = Timestamp.FromDateTimeOffset(answered);
        return proto;
    }
}
