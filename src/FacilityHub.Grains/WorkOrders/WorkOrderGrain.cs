using FacilityHub.Domain.WorkOrders;
using FacilityHub.Grains.Alarms;
using FacilityHub.Grains.Sites;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Orleans.Storage;

namespace FacilityHub.Grains.WorkOrders;

/// <summary>A work order with an outbox: the order is stored as it is first sent (the dispatch system deduplicates by
/// its id, see <see cref="Raise"/>), then every update about it, and the operators' alarm when it is rejected, are
/// stored before they are delivered, and delivered (with back-off, a
/// reminder bringing the order back after a restart) until confirmed. Status decisions are <see cref="WorkOrderLifecycle"/>'s.</summary>
public sealed partial class WorkOrderGrain(
    IDispatchGateway dispatch,
    SlaPolicy sla,
    AfterCarePolicy afterCare,
    TimeProvider time,
    ILogger<WorkOrderGrain> logger) : Grain, IWorkOrderGrain, IRemindable
{
    private const string OutboxReminder = "outbox";
    private const string SlaReminder = "sla";
    private const string VerifyReminder = "verify";

    /// <summary>While a clock runs, a reminder wakes the order at least this often, so that a limit that passed while
    /// the hub was down is noticed at most this long after it is back; a timer catches each limit on time.</summary>
    public static readonly TimeSpan SlaReminderPeriod = TimeSpan.FromMinutes(1);

    /// <summary>The durable back-stop: while anything is undelivered, a reminder wakes the order (also after a restart).</summary>
    public static readonly TimeSpan OutboxPeriod = TimeSpan.FromSeconds(10);

    private static readonly TimeSpan SendTimeout = TimeSpan.FromSeconds(5);
    private IGrainTimer? _retry;
    private IGrainTimer? _slaTimer;
    private IGrainTimer? _verifyTimer;
    private bool _slaReminderOn;
    private bool _verifyReminderOn;
    private int _deliveryFailures;
    // Raised in this activation and not yet sent once: the SLA clocks start after the first send attempt.
    private bool _justRaised;
    // The create call that Raise started together with the order's write; the first send attempt takes its answer.
    private Task<string>? _firstCreate;

    private const string StateName = "workorder";
    private readonly GrainState<WorkOrderState> _stored = new(new WorkOrderState());
    // The stored order, read by the first call of the activation (and again by the next one if the store failed); not
    // on activation, so that a new order's create call does not wait for a read that finds nothing (see Raise).
    private Task? _ready;

    private WorkOrderState S => _stored.State!;

    /// <summary>Not yet at the dispatch system (and not withdrawn before it got there).</summary>
    private bool Unsent => S.Draft is not null && S.Status == WorkOrderStatus.Raised;

    private bool Undelivered => Unsent || (S.Draft is not null && (S.Outbox.Count > 0 || S.PendingAlarms.Count > 0));

    private IGrainStorage Storage => ServiceProvider.GetRequiredKeyedService<IGrainStorage>(GrainStorage.Name);

    private Task WriteStateAsync() => Storage.WriteStateAsync(StateName, this.GetGrainId(), _stored);

    /// <summary>The stored order, read once per activation; an order that exists resumes its outbox, clocks and listing
    /// (after a restart, a reminder is what brings it back). A failed read is tried again by the next call.</summary>
    private Task ReadyAsync()
    {
        if (_ready is { IsFaulted: true } or { IsCanceled: true }) _ready = null;
        return _ready ??= ResumeAsync();
    }

    private async Task ResumeAsync()
    {
        await Storage.ReadStateAsync(StateName, this.GetGrainId(), _stored);
        _stored.State ??= new WorkOrderState();
        if (S.Draft is null) return;
        await PublishAsync();
        if (Undelivered) ScheduleSend(TimeSpan.Zero);
        BackfillMilestones();
        _slaReminderOn = await this.GetReminder(SlaReminder) is not null;
        _verifyReminderOn = await this.GetReminder(VerifyReminder) is not null;
        await RunSlaAsync();
        await RunVerificationAsync();
    }

    /// <summary>Sends the order to the dispatch system first, then reads, stores it and registers its outbox reminder
    /// (the write and the reminder at once: a reminder without an order stops itself). Sending before the order is read
    /// or stored loses nothing: the dispatch system deduplicates by the order's id, so a raise of an order that exists
    /// (a crash brought its occurrence back: the alarm is stored only after the order) repeats a call it ignores, and an
    /// order that fails to be stored is raised again under the same id. The answer is taken by the grain's next turn
    /// (<see cref="SendAsync"/>), so the alarm grain goes on once the order is stored; the site's list and the SLA clocks
    /// follow that first attempt.</summary>
    public async Task Raise(WorkOrderDraft draft)
    {
        if (_ready is { IsCompletedSuccessfully: true } && S.Draft is not null) return;
        var create = CreateCallAsync(draft, CancellationToken.None);
        try
        {
            await ReadyAsync();
        }
        catch
        {
            create.Ignore();
            throw;
        }
        if (S.Draft is not null)
        {
            create.Ignore();
            return;
        }
        S.Draft = draft;
        S.Status = WorkOrderStatus.Raised;
        S.FaultPresent = true;
        S.Steps.Add(new WorkOrderStep(WorkOrderStatus.Raised, time.GetUtcNow(), "hub", draft.Description));
        _firstCreate = create;
        try
        {
            await Task.WhenAll(WriteStateAsync(), this.RegisterOrUpdateReminder(OutboxReminder, OutboxPeriod, OutboxPeriod));
        }
        catch
        {
            // Not stored (the store is down): the alarm's raise fails with this. Forget the order, so that the next raise
            // of this occurrence stores and sends it (dispatch, which may hold it already, recognises the key).
            _firstCreate.Ignore();
            _firstCreate = null;
            _stored.State = new WorkOrderState();
            throw;
        }
        _justRaised = true;
        ScheduleSend(TimeSpan.Zero);
    }

    public async Task<bool> RecordProgress(ProgressReport report)
    {
        await TakeFirstAnswerAsync();
        if (S.Draft is null) throw new KeyNotFoundException($"work order '{this.GetPrimaryKeyString()}' does not exist");
        if (!S.ReportIds.Add(report.ReportId)) return false;
        var before = S.Status;
        var next = WorkOrderLifecycle.Apply(before, S.LastProgressAt, report.Kind, report.At);
        bool stale = report.At < S.LastProgressAt;
        if (!stale) S.LastProgressAt = report.At;
        if (!stale && report.Appointment is { } appointment && WorkOrderLifecycle.SetsAppointment(report.Kind)) S.Appointment = appointment;
        // A report can overtake the create call's answer: it proves the dispatch system holds the order.
        if (before == WorkOrderStatus.Raised && next != WorkOrderStatus.Raised) S.DispatchOrderId ??= report.DispatchOrderId;
        S.Status = next;
        // Every report is on the record, also one that changed nothing (a late or out-of-turn step).
        string note = $"{report.Kind}: {report.Note}".TrimEnd(' ', ':');
        if (stale && next == before) note += " (late report, status kept)";
        S.Steps.Add(new WorkOrderStep(next, report.At, report.Actor, note));
        RecordMilestone(report);
        if (next == WorkOrderStatus.Resolved && before != WorkOrderStatus.Resolved) S.AwaitingVerificationSince = time.GetUtcNow();
        bool rejectedNow = next == WorkOrderStatus.Rejected && before != WorkOrderStatus.Rejected;
        if (rejectedNow)
        {
            // Keyed by the order: raised once for it, also when this is retried after a crash.
            S.PendingAlarms.Add(new PendingAlarm(DispatchAlarmRules.Rejected.Id, S.Draft.WorkOrderId, report.At,
                $"work order {S.Draft.WorkOrderId} ({S.Draft.FaultCode}) rejected by the dispatch system: {report.Note}".TrimEnd(' ', ':')));
        }
        await WriteStateAsync();
        if (rejectedNow)
        {
            LogRejected(S.Draft.WorkOrderId);
            await StartOutboxAsync();
        }
        else if (!Undelivered)
        {
            await StopOutboxAsync();
        }
        await PublishAsync();
        await RunSlaAsync();
        await RunVerificationAsync();
        return true;
    }

    public async Task<bool> Update(DispatchNotice notice)
    {
        await TakeFirstAnswerAsync();
        if (S.Draft is null) throw new KeyNotFoundException($"work order '{this.GetPrimaryKeyString()}' does not exist");
        // A finished order is the dispatch system's no longer; an order never sent needs no news (it goes out as it is).
        if (WorkOrderLifecycle.IsFinished(S.Status) || !S.UpdateIds.Add(notice.Id)) return false;
        S.Outbox.Add(notice);
        S.Steps.Add(new WorkOrderStep(S.Status, notice.At, "hub", $"update {notice.Id}: {notice.Kind} {notice.Note}".TrimEnd()));
        await WriteStateAsync();
        await StartOutboxAsync();
        await PublishAsync();
        return true;
    }

    public async Task FaultCleared(DispatchNotice notice)
    {
        await TakeFirstAnswerAsync();
        if (S.Draft is null) throw new KeyNotFoundException($"work order '{this.GetPrimaryKeyString()}' does not exist");
        if (S.FaultPresent || S.NormalSince is null)
        {
            S.FaultPresent = false;
            S.NormalSince = notice.At;
            await WriteStateAsync();
        }
        if (!await Update(notice)) await PublishAsync();
        await RunVerificationAsync();
    }

    public async Task<bool> FaultReturned(DateTimeOffset at, string message, bool sameOccurrence)
    {
        await TakeFirstAnswerAsync();
        if (S.Draft is null) return false;
        bool reopen = WorkOrderLifecycle.ReopensOnFaultReturn(S.Status);
        if (!reopen && !(sameOccurrence && !WorkOrderLifecycle.IsFinished(S.Status))) return false;
        S.FaultPresent = true;
        if (reopen)
        {
            await ReopenAsync("hub", $"fault returned before the repair was verified: {message}".TrimEnd(' ', ':'));
        }
        else
        {
            await WriteStateAsync();
            await PublishAsync();
        }
        return true;
    }

    public async Task<WorkOrderView> RecordFollowUp(FollowUpRecord call)
    {
        await TakeFirstAnswerAsync();
        if (S.Draft is null) throw new KeyNotFoundException($"work order '{this.GetPrimaryKeyString()}' does not exist");
        if (!WorkOrderLifecycle.AwaitsFollowUp(S.Status))
        {
            throw new WorkOrderActionRefusedException($"work order {S.Draft.WorkOrderId} is {S.Status.ToString().ToLowerInvariant()}: a follow-up call is recorded once the repair is verified");
        }
        S.FollowUps.Add(call);
        S.FollowUpDue = null;
        string remark = call.Remark.Length > 0 ? $": {call.Remark}" : "";
        S.Steps.Add(new WorkOrderStep(WorkOrderStatus.FollowedUp, call.At, call.Actor, (call.Satisfied ? "satisfied" : "not satisfied") + remark));
        if (WorkOrderLifecycle.AfterFollowUp(call.Satisfied) == WorkOrderStatus.Closed)
        {
            S.Status = WorkOrderStatus.Closed;
            S.Steps.Add(new WorkOrderStep(WorkOrderStatus.Closed, call.At, "hub", "signed off after the follow-up call"));
            await WriteStateAsync();
            await PublishAsync();
        }
        else
        {
            await ReopenAsync(call.Actor, $"customer not satisfied at the follow-up call{remark}");
        }
        return View();
    }

    public async Task<WorkOrderView> Cancel(string actor, string reason)
    {
        await TakeFirstAnswerAsync();
        if (S.Draft is null) throw new KeyNotFoundException($"work order '{this.GetPrimaryKeyString()}' does not exist");
        if (WorkOrderLifecycle.IsSignedOff(S.Status))
        {
            throw new WorkOrderActionRefusedException($"work order {S.Draft.WorkOrderId} is {S.Status.ToString().ToLowerInvariant()} already: nothing to cancel");
        }
        var now = time.GetUtcNow();
        S.Status = WorkOrderStatus.Cancelled;
        S.AwaitingVerificationSince = null;
        S.FollowUpDue = null;
        S.Steps.Add(new WorkOrderStep(WorkOrderStatus.Cancelled, now, actor, reason));
        // Always told, also when the hub never heard back from its create call: the dispatch system may hold it anyway.
        var notice = new DispatchNotice($"{S.Draft.WorkOrderId}/cancelled", WorkOrderUpdateKind.Cancelled, now, reason, Actor: actor);
        if (S.UpdateIds.Add(notice.Id)) S.Outbox.Add(notice);
        await WriteStateAsync();
        LogCancelled(S.Draft.WorkOrderId);
        await StartOutboxAsync();
        await PublishAsync();
        await RunSlaAsync();
        await RunVerificationAsync();
        return View();
    }

    /// <summary>Back to the dispatch system: a step, and the REOPENED update through the outbox, stored before it goes.</summary>
    private async Task ReopenAsync(string actor, string why)
    {
        var draft = S.Draft!;
        var now = time.GetUtcNow();
        S.Status = WorkOrderStatus.Reopened;
        S.ReopenedAt = now;
        S.Appointment = null; // the last visit is over; dispatch books the next
        S.Reopens++;
        S.AwaitingVerificationSince = null;
        S.FollowUpDue = null;
        S.Steps.Add(new WorkOrderStep(WorkOrderStatus.Reopened, now, actor, why));
        var notice = new DispatchNotice($"{draft.WorkOrderId}/reopened/{S.Reopens}", WorkOrderUpdateKind.Reopened, now, why);
        if (S.UpdateIds.Add(notice.Id)) S.Outbox.Add(notice);
        await WriteStateAsync();
        LogReopened(draft.WorkOrderId, S.Reopens);
        await StartOutboxAsync();
        await PublishAsync();
        await RunSlaAsync();
        await RunVerificationAsync();
    }

    private DateTimeOffset? VerifyDue() =>
        S.Status == WorkOrderStatus.Resolved && S.AwaitingVerificationSince is { } since
            ? WorkOrderVerification.Due(since, S.FaultPresent, S.NormalSince, afterCare.VerifyWindow)
            : null;

    /// <summary>Verifies a resolved order whose device has read normal for the window (opening its follow-up call), or
    /// sets the timer, with a reminder behind it, for when it will have; stops both when nothing waits.</summary>
    private async Task RunVerificationAsync()
    {
        if (S.Draft is null) return;
        var now = time.GetUtcNow();
        if (S.Status == WorkOrderStatus.Resolved && S.AwaitingVerificationSince is null) S.AwaitingVerificationSince = S.ResolvedAt ?? now; // stored before verification existed
        var due = VerifyDue();
        if (due is { } d && d <= now)
        {
            S.Status = WorkOrderStatus.Verified;
            S.VerifiedAt = now;
            S.FollowUpDue = now + afterCare.FollowUpWithin;
            S.Steps.Add(new WorkOrderStep(WorkOrderStatus.Verified, now, "hub",
                $"device read normal for {afterCare.VerifyWindow:c} after the repair; follow-up call due by {S.FollowUpDue:u}"));
            await WriteStateAsync();
            await PublishAsync();
            due = null;
        }
        if (due is { } next)
        {
            _verifyTimer ??= this.RegisterGrainTimer(_ => RunVerificationAsync(), new GrainTimerCreationOptions(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan));
            _verifyTimer.Change(next - now, Timeout.InfiniteTimeSpan);
            if (!_verifyReminderOn)
            {
                await this.RegisterOrUpdateReminder(VerifyReminder, SlaReminderPeriod, SlaReminderPeriod);
                _verifyReminderOn = true;
            }
        }
        else
        {
            _verifyTimer?.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
            if (_verifyReminderOn)
            {
                var reminder = await this.GetReminder(VerifyReminder);
                if (reminder is not null) await this.UnregisterReminder(reminder);
                _verifyReminderOn = false;
            }
        }
    }

    public async Task<WorkOrderView?> Get()
    {
        await ReadyAsync();
        return S.Draft is null ? null : View();
    }

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        await ReadyAsync();
        if (reminderName == SlaReminder) await RunSlaAsync();
        else if (reminderName == VerifyReminder) await RunVerificationAsync();
        else if (Undelivered) ScheduleSend(TimeSpan.Zero);
        else await StopOutboxAsync();
    }

    /// <summary>The first time the order reached each milestone, whatever the order the reports came in.</summary>
    private void RecordMilestone(ProgressReport report)
    {
        if (report.Kind is DispatchProgress.Rejected or DispatchProgress.Cancelled or DispatchProgress.NobodyHome or DispatchProgress.Rescheduled) return;
        S.AcceptedAt = Earliest(S.AcceptedAt, report.At);
        if (report.Kind is DispatchProgress.OnSite or DispatchProgress.Resolved)
        {
            S.OnSiteAt = Earliest(S.OnSiteAt, report.At);
            if (!(S.LastOnSiteAt >= report.At)) S.LastOnSiteAt = report.At;
        }
        if (report.Kind == DispatchProgress.Resolved) S.ResolvedAt = Earliest(S.ResolvedAt, report.At);
    }

    /// <summary>Orders stored before the SLA clocks had no milestones: take them from the steps, so an order accepted
    /// long ago is not found overdue for a response.</summary>
    private void BackfillMilestones()
    {
        if (S.AcceptedAt is not null || S.Breaches.Count > 0) return;
        foreach (var step in S.Steps.Where(s => s.Actor != "hub"))
        {
            if (step.Status is WorkOrderStatus.Accepted or WorkOrderStatus.EnRoute or WorkOrderStatus.OnSite or WorkOrderStatus.Resolved) S.AcceptedAt = Earliest(S.AcceptedAt, step.At);
            if (step.Status is WorkOrderStatus.OnSite or WorkOrderStatus.Resolved) S.OnSiteAt = Earliest(S.OnSiteAt, step.At);
            if (step.Status == WorkOrderStatus.Resolved) S.ResolvedAt = Earliest(S.ResolvedAt, step.At);
        }
        S.LastOnSiteAt ??= S.OnSiteAt;
    }

    private static DateTimeOffset Earliest(DateTimeOffset? known, DateTimeOffset at) => known is { } k && k <= at ? k : at;

    private SlaFacts Facts() => new(
        S.Draft!.Urgency, S.Draft.RaisedAt, S.AcceptedAt, S.OnSiteAt, S.ResolvedAt,
        WorkOrderLifecycle.IsFinished(S.Status), S.Appointment, S.LastOnSiteAt);

    /// <summary>Records every limit that has passed unmet (step, operators' alarm, update to the dispatch system, all
    /// stored before they go out), then sets the timer for the next one, or stops the clocks when none runs.</summary>
    private async Task RunSlaAsync()
    {
        if (S.Draft is null) return;
        var draft = S.Draft;
        var now = time.GetUtcNow();
        var known = S.Breaches.Select(b => b.Key).ToHashSet(StringComparer.Ordinal);
        var breaches = SlaClocks.Breaches(sla, Facts(), known, now);
        foreach (var b in breaches)
        {
            string what = $"{Name(b.Clock)} limit passed at {b.Due:u}";
            S.Breaches.Add(new SlaBreachRecord(b.Clock, b.Due, b.DetectedAt, b.Key));
            S.Steps.Add(new WorkOrderStep(S.Status, now, "hub", $"SLA breached: {what}"));
            S.PendingAlarms.Add(new PendingAlarm(DispatchAlarmRules.SlaBreached.Id, $"{draft.WorkOrderId}/{b.Key}", now,
                $"work order {draft.WorkOrderId} ({draft.FaultCode}, {draft.Urgency.ToString().ToLowerInvariant()}): {what}"));
            var notice = new DispatchNotice($"{draft.WorkOrderId}/sla/{b.Key}", WorkOrderUpdateKind.SlaBreached, now, what);
            if (S.UpdateIds.Add(notice.Id)) S.Outbox.Add(notice);
            LogBreached(draft.WorkOrderId, b.Clock.ToString(), b.Due);
        }
        if (breaches.Count > 0)
        {
            await WriteStateAsync();
            await StartOutboxAsync();
            await PublishAsync();
        }

        var next = SlaClocks.NextDue(sla, Facts(), now);
        if (next is { } due)
        {
            _slaTimer ??= this.RegisterGrainTimer(_ => RunSlaAsync(), new GrainTimerCreationOptions(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan));
            _slaTimer.Change(due - now, Timeout.InfiniteTimeSpan);
            if (!_slaReminderOn)
            {
                await this.RegisterOrUpdateReminder(SlaReminder, SlaReminderPeriod, SlaReminderPeriod);
                _slaReminderOn = true;
            }
        }
        else
        {
            _slaTimer?.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
            if (_slaReminderOn)
            {
                var reminder = await this.GetReminder(SlaReminder);
                if (reminder is not null) await this.UnregisterReminder(reminder);
                _slaReminderOn = false;
            }
        }
    }

    private static string Name(SlaClock clock) => clock switch
    {
        SlaClock.Response => "response",
        SlaClock.OnSite => "on-site",
        SlaClock.Resolution => "resolution",
        _ => "appointment",
    };

    private async Task StartOutboxAsync()
    {
        await this.RegisterOrUpdateReminder(OutboxReminder, OutboxPeriod, OutboxPeriod);
        ScheduleSend(TimeSpan.Zero);
    }

    private void ScheduleSend(TimeSpan due)
    {
        _retry ??= this.RegisterGrainTimer(SendAsync, new GrainTimerCreationOptions(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan));
        _retry.Change(due, Timeout.InfiniteTimeSpan);
    }

    /// <summary>Delivers what is waiting, in order: the order itself, then its updates, and the operators' alarm.</summary>
    private async Task SendAsync(CancellationToken cancellationToken)
    {
        if (!Undelivered) return;
        var draft = S.Draft!;
        await RaisePendingAlarmsAsync(draft);
        if (Unsent && !await CreateAndStartClocksAsync(draft, cancellationToken)) return;
        while (S.Outbox.Count > 0 && !Unsent)
        {
            var notice = S.Outbox[0];
            try
            {
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                timeout.CancelAfter(SendTimeout);
                await dispatch.UpdateWorkOrderAsync(draft.WorkOrderId, notice, timeout.Token);
                S.Outbox.RemoveAt(0);
                _deliveryFailures = 0;
                await WriteStateAsync();
                LogUpdated(draft.WorkOrderId, notice.Id, notice.Kind.ToString());
            }
            catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                _deliveryFailures++;
                var delay = DispatchBackoff.After(_deliveryFailures);
                LogUpdateFailed(draft.WorkOrderId, notice.Id, e.Message, delay.TotalMilliseconds);
                ScheduleSend(delay);
                return;
            }
        }
        if (!Undelivered) await StopOutboxAsync();
        await PublishAsync();
    }

    /// <summary>True once the dispatch system holds the order.</summary>
    private async Task<bool> CreateAsync(WorkOrderDraft draft, CancellationToken cancellationToken)
    {
        S.SendAttempts++;
        try
        {
            var call = _firstCreate ?? CreateCallAsync(draft, cancellationToken);
            _firstCreate = null;
            string dispatchId = await call;
            S.DispatchOrderId = dispatchId;
            S.Status = WorkOrderStatus.Sent;
            S.LastError = null;
            S.Steps.Add(new WorkOrderStep(WorkOrderStatus.Sent, time.GetUtcNow(), "hub", $"dispatch order {dispatchId}"));
            await WriteStateAsync();
            LogSent(draft.WorkOrderId, dispatchId, S.SendAttempts);
            return true;
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            S.LastError = e.Message;
            await WriteStateAsync();
            var delay = DispatchBackoff.After(S.SendAttempts);
            LogSendFailed(draft.WorkOrderId, S.SendAttempts, S.LastError, delay.TotalMilliseconds);
            ScheduleSend(delay);
            await PublishAsync(); // operators see that the order is waiting, and why
            return false;
        }
    }

    /// <summary>Reads the stored order (once), then takes the answer to the create call that <see cref="Raise"/> started
    /// before anything else happens to the order: dispatch may report progress (or an operator cancel) before the grain's next turn would take it, and the
    /// order's steps stay in their order (raised, sent, accepted).</summary>
    private async Task TakeFirstAnswerAsync()
    {
        await ReadyAsync();
        if (_firstCreate is null || !Unsent) return;
        await CreateAndStartClocksAsync(S.Draft!, CancellationToken.None);
    }

    /// <summary>The create call (the one <see cref="Raise"/> started, if its answer is still to be taken); an order raised in
    /// this activation starts its SLA clocks after this first attempt. True once the dispatch system holds the order.</summary>
    private async Task<bool> CreateAndStartClocksAsync(WorkOrderDraft draft, CancellationToken cancellationToken)
    {
        bool created = await CreateAsync(draft, cancellationToken);
        if (_justRaised)
        {
            _justRaised = false;
            await RunSlaAsync();
        }
        return created;
    }

    private async Task<string> CreateCallAsync(WorkOrderDraft draft, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(SendTimeout);
        return await dispatch.CreateWorkOrderAsync(draft, timeout.Token);
    }

    private async Task RaisePendingAlarmsAsync(WorkOrderDraft draft)
    {
        while (S.PendingAlarms.Count > 0)
        {
            var pending = S.PendingAlarms[0];
            await GrainFactory.Ref<IAlarmGrain>(AlarmKeys.Tag(draft.EquipmentId, pending.RuleId)).Notify(pending.Key, pending.At, pending.Message);
            S.PendingAlarms.RemoveAt(0);
            await WriteStateAsync();
        }
    }

    private async Task StopOutboxAsync()
    {
        var reminder = await this.GetReminder(OutboxReminder);
        if (reminder is not null) await this.UnregisterReminder(reminder);
    }

    private Task PublishAsync() => GrainFactory.Ref<ISiteGrain>(S.Draft!.SiteId).UpsertWorkOrder(View());

    private WorkOrderView View()
    {
        var verifyDue = VerifyDue();
        var resolutionLimit = sla.For(S.Draft!.Urgency).Resolution;
        var pending = WorkOrderSignOff.Pending(S.Status, (S.ReopenedAt ?? S.Draft.RaisedAt) + resolutionLimit, S.Appointment, verifyDue, S.FollowUpDue);
        return new(
            S.Draft, S.Status, S.DispatchOrderId, S.SendAttempts, S.LastError, [.. S.Steps], S.Appointment, S.Outbox.Count, [.. S.Breaches],
            verifyDue, S.VerifiedAt, S.FollowUpDue, [.. S.FollowUps], pending?.Reason, pending?.ExpectedBy);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Work order {WorkOrderId} handed to dispatch as {DispatchOrderId} (attempt {Attempt})")]
    private partial void LogSent(string workOrderId, string dispatchOrderId, int attempt);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Work order {WorkOrderId}: dispatch attempt {Attempt} failed ({Error}); retrying in {DelayMs} ms")]
    private partial void LogSendFailed(string workOrderId, int attempt, string error, double delayMs);

    [LoggerMessage(Level = LogLevel.Information, Message = "Work order {WorkOrderId}: dispatch has update {UpdateId} ({Kind})")]
    private partial void LogUpdated(string workOrderId, string updateId, string kind);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Work order {WorkOrderId}: update {UpdateId} not delivered ({Error}); retrying in {DelayMs} ms")]
    private partial void LogUpdateFailed(string workOrderId, string updateId, string error, double delayMs);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Work order {WorkOrderId}: SLA {Clock} limit passed (due {Due:u}); operators alarmed")]
    private partial void LogBreached(string workOrderId, string clock, DateTimeOffset due);

    [LoggerMessage(Level = LogLevel.Information, Message = "Work order {WorkOrderId} reopened (time {Reopens}); dispatch told")]
    private partial void LogReopened(string workOrderId, int reopens);

    [LoggerMessage(Level = LogLevel.Information, Message = "Work order {WorkOrderId} cancelled by the operators; dispatch told")]
    private partial void LogCancelled(string workOrderId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Work order {WorkOrderId} rejected by the dispatch system; operators alarmed")]
    private partial void LogRejected(string workOrderId);
}
