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
/// Tells the hub (<c>dispatch.v1.DispatchProgressService</c>) that a new order was accepted. Each
/// report runs on its own background task and is retried with exponential back-off while the hub
/// cannot be reached, until it is delivered or the simulator stops. Without a hub URL it does nothing.
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
                            $"hub at {HubAddress} did not take ACCEPTED for {dispatchId} ({status}, attempt {args.AttemptNumber + 1}); retrying with back-off"));
                    }

                    return ValueTask.CompletedTask;
                },
            })
            .Build();
    }

    private string HubAddress => _options.HubUrl?.GetLeftPart(UriPartial.Authority) ?? "-";

    /// <summary>Progress reports the hub has confirmed.</summary>
    public int Delivered => Volatile.Read(ref _delivered);

    /// <summary>Starts reporting ACCEPTED for <paramref name="order"/> in the background; returns at once.</summary>
    public void ReportAccepted(ReceivedWorkOrder order)
    {
        ArgumentNullException.ThrowIfNull(order);
        if (_client is null || Volatile.Read(ref _stopped) != 0)
        {
            return;
        }

        var request = new ReportProgressRequest
        {
            // One id per report, kept across retries (so the hub can drop a repeat), and unique across
            // runs: a simulator restarted without a state file hands out D-000001 again.
            ReportId = $"{order.DispatchOrderId}/accepted/{Guid.NewGuid():N}",
            IdempotencyKey = order.Order.IdempotencyKey,
            DispatchOrderId = order.DispatchOrderId,
            Kind = ProgressKind.Accepted,
            OccurredAt = Timestamp.FromDateTimeOffset(_options.TimeProvider.GetUtcNow()),
            Note = "Accepted by the dispatch simulator",
        };

        lock (_gate)
        {
            // Task.Run: the caller is the create call; nothing of the report may run on its thread.
            var task = Task.Run(() => DeliverAsync(request, _stopping.Token));
            _pending.Add(task);
            _ = task.ContinueWith(t =>
            {
                lock (_gate)
                {
                    _pending.Remove(t);
                }
            }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        }
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

    // Never throws: it runs unobserved in the background.
    private async Task DeliverAsync(ReportProgressRequest request, CancellationToken cancellationToken)
    {
        var context = ResilienceContextPool.Shared.Get(cancellationToken);
        context.Properties.Set(DispatchIdKey, request.DispatchOrderId);
        try
        {
            await _pipeline.ExecuteAsync(async ctx =>
            {
                var deadline = DateTime.UtcNow + _options.ProgressCallTimeout;
                await _client!.ReportProgressAsync(request, Credentials(), deadline, ctx.CancellationToken).ConfigureAwait(false);
            }, context).ConfigureAwait(false);
            Interlocked.Increment(ref _delivered);
            _console.Line($"reported ACCEPTED for {request.DispatchOrderId} to the hub at {HubAddress}");
        }
        catch (Exception) when (cancellationToken.IsCancellationRequested)
        {
            _console.Line($"stopped before the hub took ACCEPTED for {request.DispatchOrderId}");
        }
        catch (RpcException ex)
        {
            _console.Line($"gave up reporting ACCEPTED for {request.DispatchOrderId}: {ex.StatusCode} {SimulatorConsole.Safe(ex.Status.Detail)}");
        }
        catch (Exception ex)
        {
            _console.Line($"gave up reporting ACCEPTED for {request.DispatchOrderId}: {ex.GetType().Name}: {SimulatorConsole.Safe(ex.Message)}");
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }
}
