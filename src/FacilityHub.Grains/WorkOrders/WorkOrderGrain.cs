using FacilityHub.Domain.WorkOrders;
using FacilityHub.Grains.Sites;
using Microsoft.Extensions.Logging;

namespace FacilityHub.Grains.WorkOrders;

public sealed partial class WorkOrderGrain(
    [PersistentState("workorder", GrainStorage.Name)] IPersistentState<WorkOrderState> state,
    IDispatchGateway dispatch,
    TimeProvider time,
    ILogger<WorkOrderGrain> logger) : Grain, IWorkOrderGrain, IRemindable
{
    private const string OutboxReminder = "outbox";

    /// <summary>The durable back-stop: while unsent, a reminder wakes the order (also after a restart).</summary>
    public static readonly TimeSpan OutboxPeriod = TimeSpan.FromSeconds(10);

    private static readonly TimeSpan SendTimeout = TimeSpan.FromSeconds(5);
    private IGrainTimer? _retry;

    private bool Unsent => state.State.Draft is not null && state.State.Status == WorkOrderStatus.Raised;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (state.State.Draft is null) return;
        await PublishAsync();
        if (Unsent) ScheduleSend(TimeSpan.Zero);
    }

    public async Task Raise(WorkOrderDraft draft)
    {
        if (state.State.Draft is not null) return;
        state.State.Draft = draft;
        state.State.Status = WorkOrderStatus.Raised;
        state.State.Steps.Add(new WorkOrderStep(WorkOrderStatus.Raised, time.GetUtcNow(), "hub", draft.Description));
        await state.WriteStateAsync();
        await this.RegisterOrUpdateReminder(OutboxReminder, OutboxPeriod, OutboxPeriod);
        await PublishAsync();
        ScheduleSend(TimeSpan.Zero);
    }

    public async Task<bool> RecordProgress(ProgressReport report)
    {
        if (state.State.Draft is null) throw new KeyNotFoundException($"work order '{this.GetPrimaryKeyString()}' does not exist");
        if (!state.State.ReportIds.Add(report.ReportId)) return false;
        var next = WorkOrderLifecycle.Apply(state.State.Status, report.Kind);
        bool wasUnsent = Unsent;
        state.State.Status = next;
        state.State.Steps.Add(new WorkOrderStep(next, report.At, report.Actor, $"{report.Kind}: {report.Note}".TrimEnd(' ', ':')));
        await state.WriteStateAsync();
        if (wasUnsent && !Unsent) await StopOutboxAsync();
        await PublishAsync();
        return true;
    }

    public Task<WorkOrderView?> Get() => Task.FromResult(state.State.Draft is null ? null : View());

    public Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (Unsent) ScheduleSend(TimeSpan.Zero);
        else return StopOutboxAsync();
        return Task.CompletedTask;
    }

    private void ScheduleSend(TimeSpan due)
    {
        _retry ??= this.RegisterGrainTimer(SendAsync, new GrainTimerCreationOptions(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan));
        _retry.Change(due, Timeout.InfiniteTimeSpan);
    }

    private async Task SendAsync(CancellationToken cancellationToken)
    {
        if (!Unsent) return;
        var draft = state.State.Draft!;
        state.State.SendAttempts++;
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(SendTimeout);
            string dispatchId = await dispatch.CreateWorkOrderAsync(draft, timeout.Token);
            state.State.DispatchOrderId = dispatchId;
            state.State.Status = WorkOrderStatus.Sent;
            state.State.LastError = null;
            state.State.Steps.Add(new WorkOrderStep(WorkOrderStatus.Sent, time.GetUtcNow(), "hub", $"dispatch order {dispatchId}"));
            await state.WriteStateAsync();
            LogSent(draft.WorkOrderId, dispatchId, state.State.SendAttempts);
            await StopOutboxAsync();
            await PublishAsync();
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            state.State.LastError = e.Message;
            await state.WriteStateAsync();
            var delay = DispatchBackoff.After(state.State.SendAttempts);
            LogSendFailed(draft.WorkOrderId, state.State.SendAttempts, state.State.LastError, delay.TotalMilliseconds);
            ScheduleSend(delay);
            await PublishAsync(); // operators see that the order is waiting, and why
        }
    }

    private async Task StopOutboxAsync()
    {
        var reminder = await this.GetReminder(OutboxReminder);
        if (reminder is not null) await this.UnregisterReminder(reminder);
    }

    private Task PublishAsync() => GrainFactory.GetGrain<ISiteGrain>(state.State.Draft!.SiteId).UpsertWorkOrder(View());

    private WorkOrderView View() => new(
        state.State.Draft!, state.State.Status, state.State.DispatchOrderId, state.State.SendAttempts,
        state.State.LastError, [.. state.State.Steps]);

    [LoggerMessage(Level = LogLevel.Information, Message = "Work order {WorkOrderId} handed to dispatch as {DispatchOrderId} (attempt {Attempt})")]
    private partial void LogSent(string workOrderId, string dispatchOrderId, int attempt);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Work order {WorkOrderId}: dispatch attempt {Attempt} failed ({Error}); retrying in {DelayMs} ms")]
    private partial void LogSendFailed(string workOrderId, int attempt, string error, double delayMs);
}
