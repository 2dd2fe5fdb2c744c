using System.Globalization;
using FacilityHub.Auth;
using FacilityHub.Dispatch.V1;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Grpc.Net.Client;
using Polly;
using Polly.Retry;

namespace FacilityHub.DispatchSimulator;

/// <summary>
/// Tells the hub (<c>dispatch.v1.DispatchProgressService</c>) what happens to each new order: accepted or
/// rejected, then the configured walk. Each order's reports run on its own background task and each report is
/// retried with exponential back-off while the hub cannot be reached, until it is delivered or the simulator
/// stops. Without a hub URL it does nothing.
/// </summary>
public sealed class ProgressReporter : IAsyncDisposable
{
    // Minted afresh for every attempt, so a report retried for hours still carries a valid token.
    private static readonly TimeSpan TokenLifetime = TimeSpan.FromMinutes(5);
    private static readonly ResiliencePropertyKey<string> DispatchIdKey = new("dispatch-order-id");

    private readonly DispatchSimulatorOptions _options;
    private readonly SimulatorConsole _console;
    private readonly byte[]? _signingKey;
    private readonly GrpcChannel? _channel;
    private readonly DispatchProgressService.DispatchProgressServiceClient? _client;
    private readonly ResiliencePipeline _pipeline;
    private readonly CancellationTokenSource _stopping = new();
    private readonly Lock _gate = new();
    private readonly HashSet<Task> _pending = [];
    private readonly Dictionary<string, CancellationTokenSource> _walks = new(StringComparer.Ordinal);
    private readonly List<ReportProgressRequest> _deliveredReports = [];
    private int _delivered;
    private int _stopped;

    public ProgressReporter(DispatchSimulatorOptions options, SimulatorConsole console)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        _console = console;
        if (options.HubSigningKey is not null)
        {
            _signingKey = SigningKey.TryParse(options.HubSigningKey, out var problem)
                ?? throw new ArgumentException($"the hub's signing key {problem}", nameof(options));
        }

        if (options.HubUrl is not null)
        {
            _channel = GrpcChannel.ForAddress(options.HubUrl, new GrpcChannelOptions
            {
                // The hub is local; a proxy from the environment must not get in between.
                HttpHandler = new SocketsHttpHandler { UseProxy = false, ConnectTimeout = TimeSpan.FromSeconds(5) },
            });
            _client = new DispatchProgressService.DispatchProgressServiceClient(_channel);
        }

        _pipeline = new ResiliencePipelineBuilder { TimeProvider = options.TimeProvider }
            .AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = new PredicateBuilder().Handle<RpcException>(IsWorthRetrying),
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = options.ProgressRetryBaseDelay,
                MaxDelay = options.ProgressRetryMaxDelay,
                MaxRetryAttempts = options.ProgressRetryMaxAttempts,
                OnRetry = args =>
                {
                    // The first failure and then every tenth: a hub that stays down must not flood the console.
                    if (args.AttemptNumber % 10 == 0)
                    {
                        var dispatchId = args.Context.Properties.GetValue(DispatchIdKey, "?");
                        var status = args.Outcome.Exception is RpcException rpc ? rpc.StatusCode.ToString() : "error";
                        _console.Line(string.Create(CultureInfo.InvariantCulture,
                            $"hub at {HubAddress} did not take a report for {dispatchId} ({status}, attempt {args.AttemptNumber + 1}); retrying with back-off"));
                    }

                    return ValueTask.CompletedTask;
                },
            })
            .Build();
    }

    private string HubAddress => _options.HubUrl?.GetLeftPart(UriPartial.Authority) ?? "-";

    /// <summary>Progress reports the hub has confirmed.</summary>
    public int Delivered => Volatile.Read(ref _delivered);

    /// <summary>Progress reports the hub has confirmed, in the order it confirmed them.</summary>
    public IReadOnlyList<ReportProgressRequest> DeliveredReports
    {
        get
        {
            lock (_gate)
            {
                return [.. _deliveredReports];
            }
        }
    }

    /// <summary>
    /// Starts the order's walk in the background and returns at once: after <see cref="DispatchSimulatorOptions.AcceptDelay"/>
    /// ACCEPTED (or REJECTED with <see cref="DispatchSimulatorOptions.RejectReason"/>), then each step of
    /// <see cref="DispatchSimulatorOptions.Walk"/> at its time after the acceptance. Each report is delivered (with
    /// retries) before the next is due, so the hub hears them in order; a cancelled order's walk stops.
    /// </summary>
    public void Walk(ReceivedWorkOrder order)
    {
        ArgumentNullException.ThrowIfNull(order);
        if (_client is null || Volatile.Read(ref _stopped) != 0)
        {
            return;
        }

        lock (_gate)
        {
            var walk = CancellationTokenSource.CreateLinkedTokenSource(_stopping.Token);
            _walks[order.Order.IdempotencyKey] = walk;
            // Task.Run: the caller is the create call; nothing of the report may run on its thread.
            var task = Task.Run(() => WalkAsync(order, walk.Token));
            _pending.Add(task);
            _ = task.ContinueWith(t =>
            {
                lock (_gate)
                {
                    _pending.Remove(t);
                    if (_walks.TryGetValue(order.Order.IdempotencyKey, out var current) && current == walk)
                    {
                        _walks.Remove(order.Order.IdempotencyKey);
                    }
                }

                walk.Dispose();
            }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        }
    }

    /// <summary>Stops the walk of the order with <paramref name="key"/> (the hub cancelled it).</summary>
    public void StopWalk(string key)
    {
        lock (_gate)
        {
            if (_walks.Remove(key, out var walk))
            {
                walk.Cancel();
            }
        }
    }

    private async Task WalkAsync(ReceivedWorkOrder order, CancellationToken cancellationToken)
    {
        try
        {
            await WaitUntilAsync(order.ReceivedAt.ToDateTimeOffset() + _options.AcceptDelay, cancellationToken).ConfigureAwait(false);
            var first = Report(order, _options.RejectReason is null ? ProgressKind.Accepted : ProgressKind.Rejected, 0);
            if (!await DeliverAsync(first, cancellationToken).ConfigureAwait(false) || first.Kind == ProgressKind.Rejected)
            {
                return;
            }

            var acceptedAt = first.OccurredAt.ToDateTimeOffset();
            for (int i = 0; i < _options.Walk.Count; i++)
            {
                await WaitUntilAsync(acceptedAt + _options.Walk[i].After, cancellationToken).ConfigureAwait(false);

                if (!await DeliverAsync(Report(order, _options.Walk[i].Kind, i + 1), cancellationToken).ConfigureAwait(false))
                {
                    return;
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopped, or the hub cancelled the order.
        }
    }

    // A timer may fire a little before the clock reads its time: wait again for the rest.
    private async Task WaitUntilAsync(DateTimeOffset when, CancellationToken cancellationToken)
    {
        for (var left = when - _options.TimeProvider.GetUtcNow(); left > TimeSpan.Zero; left = when - _options.TimeProvider.GetUtcNow())
        {
            await Task.Delay(left + TimeSpan.FromMilliseconds(1), _options.TimeProvider, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>A report of <paramref name="kind"/> with what the contract says that kind carries.</summary>
    private ReportProgressRequest Report(ReceivedWorkOrder order, ProgressKind kind, int step)
    {
        var now = _options.TimeProvider.GetUtcNow();
        var request = new ReportProgressRequest
        {
            // One id per report, kept across retries (so the hub can drop a repeat), and unique across
            // runs: a simulator restarted without a state file hands out D-000001 again.
            ReportId = $"{order.DispatchOrderId}/{step}/{kind.ToString().ToLowerInvariant()}/{Guid.NewGuid():N}",
            IdempotencyKey = order.Order.IdempotencyKey,
            DispatchOrderId = order.DispatchOrderId,
            Kind = kind,
            OccurredAt = Timestamp.FromDateTimeOffset(now),
        };
        switch (kind)
        {
            case ProgressKind.Accepted:
                request.Note = "Accepted by the dispatch simulator";
                break;
            case ProgressKind.Rejected:
                request.Reason = _options.RejectReason!;
                break;
            case ProgressKind.TeamAssigned:
                request.Team = _options.Team;
                break;
            case ProgressKind.Resolved:
                request.WorkDone = "Repaired by the dispatch simulator";
                break;
            case ProgressKind.NobodyHome:
                request.Note = "Nobody home; card left at the door";
                request.Appointment = Timestamp.FromDateTimeOffset(now + _options.RescheduleBy);
                break;
            case ProgressKind.Rescheduled:
                request.Reason = "Visit moved by the dispatch simulator";
                request.Appointment = Timestamp.FromDateTimeOffset(now + _options.RescheduleBy);
                break;
            case ProgressKind.Cancelled:
                request.Reason = "Cancelled by the dispatch simulator";
                break;
        }

        return request;
    }

    /// <summary>Gives up on undelivered reports and waits for their tasks to end.</summary>
    public async Task StopAsync()
    {
        if (Interlocked.Exchange(ref _stopped, 1) != 0)
        {
            return;
        }

        await _stopping.CancelAsync().ConfigureAwait(false);
        Task[] pending;
        lock (_gate)
        {
            pending = [.. _pending];
        }

        await Task.WhenAll(pending).ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync().ConfigureAwait(false);
        _channel?.Dispose();
        _stopping.Dispose();
    }

    /// <summary>"authorization: Bearer" with a fresh token of the dispatch role, when the simulator has the key.</summary>
    private Metadata? Credentials() => _signingKey is null ? null : new Metadata
    {
        {
            "authorization",
            "Bearer " + HubTokens.Mint(_signingKey, HubRoles.Dispatch, _options.HubIdentity, TokenLifetime, _options.TimeProvider, _options.HubIssuer, _options.HubAudience)
        },
    };

    private static bool IsWorthRetrying(RpcException ex) => ex.StatusCode switch
    {
        // A caller error will not go away by asking again.
        StatusCode.InvalidArgument or StatusCode.Unimplemented or StatusCode.PermissionDenied
            or StatusCode.Unauthenticated or StatusCode.OutOfRange or StatusCode.AlreadyExists => false,
        // Unavailable and DeadlineExceeded are the unreachable hub; NotFound / FailedPrecondition can be
        // the hub not having stored the create answer yet, since this report races with it.
        _ => true,
    };

    // Never throws: it runs unobserved in the background. True when the hub took the report.
    private async Task<bool> DeliverAsync(ReportProgressRequest request, CancellationToken cancellationToken)
    {
        var context = ResilienceContextPool.Shared.Get(cancellationToken);
        context.Properties.Set(DispatchIdKey, request.DispatchOrderId);
        string kind = request.Kind.ToString().ToUpperInvariant();
        try
        {
            await _pipeline.ExecuteAsync(async ctx =>
            {
                var deadline = DateTime.UtcNow + _options.ProgressCallTimeout;
                await _client!.ReportProgressAsync(request, Credentials(), deadline, ctx.CancellationToken).ConfigureAwait(false);
            }, context).ConfigureAwait(false);
            lock (_gate)
            {
                _deliveredReports.Add(request);
            }

            Interlocked.Increment(ref _delivered);
            _console.Line($"reported {kind} for {request.DispatchOrderId} to the hub at {HubAddress}");
            return true;
        }
        catch (Exception) when (cancellationToken.IsCancellationRequested)
        {
            _console.Line($"stopped before the hub took {kind} for {request.DispatchOrderId}");
            return false;
        }
        catch (RpcException ex)
        {
            _console.Line($"gave up reporting {kind} for {request.DispatchOrderId}: {ex.StatusCode} {SimulatorConsole.Safe(ex.Status.Detail)}");
            return false;
        }
        catch (Exception ex)
        {
            _console.Line($"gave up reporting {kind} for {request.DispatchOrderId}: {ex.GetType().Name}: {SimulatorConsole.Safe(ex.Message)}");
            return false;
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }
}
