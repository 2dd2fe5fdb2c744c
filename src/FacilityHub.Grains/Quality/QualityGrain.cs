using FacilityHub.Domain.Alarms;
using FacilityHub.Domain.Inspections;
using FacilityHub.Domain.Quality;
using FacilityHub.Domain.Topology;
using FacilityHub.Grains.Sites;
using Microsoft.Extensions.Logging;

namespace FacilityHub.Grains.Quality;

/// <summary>Holds a site's quality records and applies the domain's rules to them (checklists, CAPA steps,
/// escalation). Escalation runs on a grain timer at the next due time; a reminder brings the grain back after a
/// restart while anything can still escalate.</summary>
public sealed partial class QualityGrain(
    [PersistentState("quality", GrainStorage.Name)] IPersistentState<QualityState> state,
    Estate estate,
    InspectionPlan plan,
    QualityPolicy policy,
    TimeProvider time,
    ILogger<QualityGrain> logger) : Grain, IQualityGrain, IRemindable
{
    private const string EscalationReminder = "quality-escalation";
    private static readonly TimeSpan ReminderPeriod = TimeSpan.FromMinutes(1);
    private static readonly TimeSpan LongestWait = TimeSpan.FromHours(1);

    private Site _site = null!;
    private IGrainTimer? _clock;
    private bool _reminderOn;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _site = estate.TryGetSite(this.GetPrimaryKeyString(), out var site)
            ? site
            : throw new ArgumentException($"site '{this.GetPrimaryKeyString()}' is not in the topology");
        if (state.State.PlanStartedAt is null)
        {
            state.State.PlanStartedAt = time.GetUtcNow();
            await state.WriteStateAsync(cancellationToken);
        }
        _reminderOn = await this.GetReminder(EscalationReminder) is not null;
        await EscalateAsync();
    }

    public Task<DueRoundView[]> DueRounds()
    {
        var now = time.GetUtcNow();
        var rounds = new List<DueRoundView>();
        foreach (var post in plan.PostsOf(_site))
        {
            foreach (var level in post.Checklist.Levels)
            {
                var last = state.State.Inspections.LastOrDefault(i => i.BuildingId == post.BuildingId && i.ChecklistId == post.Checklist.Id && i.Level == level)?.InspectedAt;
                var due = RoundSchedule.Next(post, level, plan.Calendar, state.State.PlanStartedAt!.Value, last, now);
                rounds.Add(new DueRoundView(_site.Id, post.BuildingId, post.Checklist.Id, post.Checklist.Name, level, due.DueAt, last, due.Overdue));
            }
        }
        return Task.FromResult<DueRoundView[]>([.. rounds.OrderBy(r => r.DueAt).ThenBy(r => r.BuildingId, StringComparer.Ordinal).ThenBy(r => r.ChecklistId, StringComparer.Ordinal).ThenBy(r => r.Level)]);
    }

    public async Task<InspectionRecorded> RecordInspection(InspectionDraft draft)
    {
        var checklist = plan.Checklist(draft.ChecklistId) ?? throw new KeyNotFoundException($"checklist '{draft.ChecklistId}' is not in the inspections file");
        if (!plan.PostsOf(_site).Any(p => p.BuildingId == draft.BuildingId && p.Checklist.Id == checklist.Id))
        {
            throw new QualityActionRefusedException($"building '{draft.BuildingId}' of site '{_site.Id}' has no '{checklist.Id}' post (no item of kinds {string.Join(", ", checklist.Kinds)})");
        }
        var failed = InspectionSheet.FailedItems(checklist, draft.Level, [.. draft.Items.Select(i => new ItemCheck(i.ItemId, i.Result, i.Note))]);
        var now = time.GetUtcNow();
        string inspectionId = QualityKeys.Inspection(_site.Id, ++state.State.LastInspection);
        var raised = new List<NonconformanceEntry>();
        foreach (var item in failed)
        {
            string note = draft.Items.First(i => i.ItemId == item.Id).Note.Trim();
            raised.Add(Raise(draft.BuildingId, item.Category, item.Severity, $"{checklist.Name}: {item.Text}: {note}", $"inspection {inspectionId} item {item.Id}", now, draft.Inspector));
        }
        var inspection = new InspectionEntry(inspectionId, _site.Id, draft.BuildingId, checklist.Id, draft.Level, now, draft.Inspector, draft.Responsible,
            [.. checklist.Items.Select(i => Checked(i, draft.Items.First(c => c.ItemId == i.Id)))],
            [.. raised.Select(r => r.NonconformanceId)]);
        state.State.Inspections.Add(inspection);
        await SaveAndScheduleAsync();
        LogInspection(inspectionId, draft.Level, raised.Count);
        return new InspectionRecorded(inspection, [.. raised]);
    }

    public Task<Page<InspectionEntry>> ListInspections(InspectionLevel? level, int offset, int limit)
    {
        var matches = state.State.Inspections.Where(i => level is null || i.Level == level).Reverse().ToList();
        return Task.FromResult(new Page<InspectionEntry>([.. matches.Skip(offset).Take(limit)], matches.Count));
    }

    public async Task RaiseFromCompliance(ComplianceFindingDraft finding)
    {
        if (state.State.Nonconformances.Any(n => n.SourceKey == ComplianceSource(finding.Key))) return;
        Raise(finding.BuildingId, plan.ComplianceCategory, plan.ComplianceSeverity, $"{finding.EquipmentId}: {finding.Message}", ComplianceSource(finding.Key), finding.At, AlarmLifecycle.SystemActor);
        await SaveAndScheduleAsync();
    }

    public async Task<Page<NonconformanceEntry>> ListNonconformances(NonconformanceQuery query)
    {
        await EscalateAsync();
        var matches = state.State.Nonconformances
            .Where(n => (query.State is null || n.State == query.State) && (query.Category is null || n.Category == query.Category) && (!query.EscalatedOnly || n.EscalatedAt is not null))
            .Reverse().ToList();
        return new Page<NonconformanceEntry>([.. matches.Skip(query.Offset).Take(query.Limit)], matches.Count);
    }

    public async Task<NonconformanceEntry> AssignAction(string nonconformanceId, string owner, DateTimeOffset due, string actionPlan, string actor)
    {
        var (index, nc) = Find(nonconformanceId);
        NonconformanceLifecycle.CheckAssign(nc.State);
        var now = time.GetUtcNow();
        NonconformanceLifecycle.CheckDue(due, now, policy);
        nc = nc.Step(now, actor, nc.State == NonconformanceState.Open ? "action assigned" : "action reassigned", $"owner {owner}, due {due:u}: {actionPlan}")
            with { State = NonconformanceState.ActionAssigned, ActionOwner = owner, ActionDue = due, ActionPlan = actionPlan };
        return await Update(index, nc);
    }

    public async Task<NonconformanceEntry> CompleteAction(string nonconformanceId, string note, string actor)
    {
        await EscalateAsync();
        var (index, nc) = Find(nonconformanceId);
        NonconformanceLifecycle.CheckComplete(nc.State);
        var now = time.GetUtcNow();
        nc = nc.Step(now, actor, "action completed", note) with { State = NonconformanceState.ActionCompleted, CompletedAt = now, CompletedBy = actor, CompletionNote = note };
        return await Update(index, nc);
    }

    public async Task<NonconformanceEntry> VerifyAction(string nonconformanceId, bool accepted, string note, string actor)
    {
        var (index, nc) = Find(nonconformanceId);
        NonconformanceLifecycle.CheckVerify(nc.State);
        var now = time.GetUtcNow();
        nc = accepted
            ? nc.Step(now, actor, "verified", note) with { State = NonconformanceState.Verified, VerifiedAt = now, VerifiedBy = actor }
            : nc.Step(now, actor, "rejected", note) with { State = NonconformanceState.ActionAssigned, CompletedAt = null, CompletedBy = null, CompletionNote = null, Rejections = nc.Rejections + 1 };
        return await Update(index, nc);
    }

    public async Task<ComplaintEntry> RecordComplaint(ComplaintDraft draft)
    {
        var now = time.GetUtcNow();
        var received = draft.ReceivedAt ?? now;
        ComplaintRules.CheckReceived(received, now);
        var complaint = new ComplaintEntry(QualityKeys.Complaint(_site.Id, ++state.State.LastComplaint), _site.Id, draft.Category, draft.Subject, received, draft.RecordedBy);
        state.State.Complaints.Add(complaint);
        await state.WriteStateAsync();
        return complaint;
    }

    public async Task<ComplaintEntry> AnswerComplaint(string complaintId, string answer, string actor)
    {
        int index = state.State.Complaints.FindIndex(c => c.ComplaintId == complaintId);
        if (index < 0) throw new KeyNotFoundException($"complaint '{complaintId}' is not in the register");
        var complaint = state.State.Complaints[index];
        if (complaint.AnsweredAt is { } at) throw new QualityActionRefusedException($"complaint '{complaintId}' was answered at {at:u} by {complaint.AnsweredBy}");
        complaint = complaint with { AnsweredAt = time.GetUtcNow(), AnsweredBy = actor, Answer = answer };
        state.State.Complaints[index] = complaint;
        await state.WriteStateAsync();
        return complaint;
    }

    public Task<Page<ComplaintEntry>> ListComplaints(bool unansweredOnly, int offset, int limit)
    {
        var matches = state.State.Complaints.Where(c => !unansweredOnly || c.AnsweredAt is null).OrderByDescending(c => c.ReceivedAt).ToList();
        return Task.FromResult(new Page<ComplaintEntry>([.. matches.Skip(offset).Take(limit)], matches.Count));
    }

    public async Task<MonthlyQualityRecords> GetMonthlyQualityRecords(int year, int month)
    {
        await EscalateAsync();
        var calendar = plan.Calendar;
        var from = calendar.StartOf(new DateOnly(year, month, 1));
        var to = calendar.StartOf(new DateOnly(year, month, 1).AddMonths(1));
        bool InMonth(DateTimeOffset at) => at >= from && at < to;
        var posts = plan.PostsOf(_site);
        var rounds = Enum.GetValues<InspectionLevel>().Select(level => new RoundsPlannedDone(
            level,
            posts.Count(p => p.Checklist.Levels.Contains(level)) * RoundSchedule.RequiredInMonth(level, calendar, year, month),
            state.State.Inspections.Count(i => i.Level == level && InMonth(i.InspectedAt)))).ToArray();
        var ncs = state.State.Nonconformances.Where(n => InMonth(n.RaisedAt)).Select(n => new MonthlyNonconformance(
            n.NonconformanceId, n.Category, n.Severity, n.State, n.RaisedAt, n.ActionDue, n.CompletedAt, n.VerifiedAt, n.EscalatedAt is not null, n.EscalatedAt)).ToArray();
        var complaints = state.State.Complaints.Where(c => InMonth(c.ReceivedAt)).Select(c => new MonthlyComplaint(
            c.ComplaintId, c.Category, c.ReceivedAt, c.AnsweredAt, ComplaintRules.AnsweredInTime(c.ReceivedAt, c.AnsweredAt))).ToArray();
        return new MonthlyQualityRecords(_site.Id, year, month, from, to, rounds, ncs, complaints);
    }

    public Task ReceiveReminder(string reminderName, TickStatus status) => EscalateAsync();

    private static CheckedItemEntry Checked(ChecklistItem item, ItemCheckEntry check) => new(item.Id, item.Text, check.Result, check.Note.Trim());

    private static string ComplianceSource(string key) => $"compliance {key}";

    private NonconformanceEntry Raise(string buildingId, string category, NonconformanceSeverity severity, string description, string source, DateTimeOffset at, string actor)
    {
        var nc = new NonconformanceEntry(QualityKeys.Nonconformance(_site.Id, ++state.State.LastNonconformance), _site.Id, buildingId, category, severity,
            NonconformanceState.Open, description, source, at, actor, [new NonconformanceStepEntry(at, actor, "raised", source)]);
        state.State.Nonconformances.Add(nc);
        LogRaised(nc.NonconformanceId, category, severity);
        return nc;
    }

    private (int Index, NonconformanceEntry Entry) Find(string id)
    {
        int index = state.State.Nonconformances.FindIndex(n => n.NonconformanceId == id);
        return index >= 0 ? (index, state.State.Nonconformances[index]) : throw new KeyNotFoundException($"nonconformance '{id}' is not on record");
    }

    private async Task<NonconformanceEntry> Update(int index, NonconformanceEntry nc)
    {
        state.State.Nonconformances[index] = nc;
        await SaveAndScheduleAsync();
        return nc;
    }

    private async Task SaveAndScheduleAsync()
    {
        await state.WriteStateAsync();
        await EscalateAsync();
    }

    /// <summary>Marks every nonconformance whose escalation time has come (at that time), then sets the timer for the next.</summary>
    private async Task EscalateAsync()
    {
        var now = time.GetUtcNow();
        bool changed = false;
        DateTimeOffset? next = null;
        for (int i = 0; i < state.State.Nonconformances.Count; i++)
        {
            var nc = state.State.Nonconformances[i];
            if (nc.EscalatedAt is not null || NonconformanceLifecycle.EscalatesAt(nc.State, nc.RaisedAt, nc.ActionDue, policy) is not { } at) continue;
            if (at > now)
            {
                if (next is null || at < next) next = at;
                continue;
            }
            string why = nc.State == NonconformanceState.Open ? $"no action owner within {policy.AssignActionWithin}" : $"action past its due date {at:u}";
            state.State.Nonconformances[i] = nc.Step(at, AlarmLifecycle.SystemActor, "escalated", why) with { EscalatedAt = at };
            changed = true;
            LogEscalated(nc.NonconformanceId, nc.Category, nc.Severity, why);
        }
        if (changed) await state.WriteStateAsync();
        await ScheduleAsync(next);
    }

    private async Task ScheduleAsync(DateTimeOffset? next)
    {
        if (next is not { } due)
        {
            _clock?.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
            if (_reminderOn && await this.GetReminder(EscalationReminder) is { } reminder) await this.UnregisterReminder(reminder);
            _reminderOn = false;
            return;
        }
        var wait = due - time.GetUtcNow();
        wait = wait < TimeSpan.Zero ? TimeSpan.Zero : wait > LongestWait ? LongestWait : wait;
        _clock ??= this.RegisterGrainTimer(_ => EscalateAsync(), new GrainTimerCreationOptions(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan) { KeepAlive = true });
        _clock.Change(wait, Timeout.InfiniteTimeSpan);
        if (!_reminderOn)
        {
            await this.RegisterOrUpdateReminder(EscalationReminder, ReminderPeriod, ReminderPeriod);
            _reminderOn = true;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "INSPECTION {InspectionId} ({Level}) recorded: {Failures} failed item(s)")]
    private partial void LogInspection(string inspectionId, InspectionLevel level, int failures);

    [LoggerMessage(Level = LogLevel.Information, Message = "NONCONFORMANCE {NonconformanceId} raised: {Category}, {Severity}")]
    private partial void LogRaised(string nonconformanceId, string category, NonconformanceSeverity severity);

    [LoggerMessage(Level = LogLevel.Warning, Message = "NONCONFORMANCE {NonconformanceId} ESCALATED ({Category}, {Severity}): {Why}")]
    private partial void LogEscalated(string nonconformanceId, string category, NonconformanceSeverity severity, string why);
}
