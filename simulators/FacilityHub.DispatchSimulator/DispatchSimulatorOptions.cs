namespace FacilityHub.DispatchSimulator;

/// <summary>Settings of one dispatch simulator instance.</summary>
public sealed record DispatchSimulatorOptions
{
    /// <summary>Default TCP port of the console program.</summary>
    public const int DefaultPort = 5090;

    /// <summary>Port on 127.0.0.1; 0 lets the OS pick a free one (tests).</summary>
    public int Port { get; init; } = DefaultPort;

    /// <summary>
    /// The hub's gRPC address (serving <c>dispatch.v1.DispatchProgressService</c>). When set, every new
    /// order is reported back as ACCEPTED, in the background.
    /// </summary>
    public Uri? HubUrl { get; init; }

    /// <summary>
    /// The hub's signing key (its <c>Auth:SigningKey</c>: text, or <c>base64:</c> and base64). Each progress
    /// report carries a short-lived token, minted with it, of the service identity <see cref="HubIdentity"/>
    /// in role <c>dispatch</c>. Without it reports go unauthenticated, which only a fake hub takes.
    /// </summary>
    public string? HubSigningKey { get; init; }

    /// <summary>The name the hub records as the actor of the steps this simulator reports.</summary>
    public string HubIdentity { get; init; } = "dispatch-simulator";

    /// <summary>The hub's <c>Auth:Issuer</c> and <c>Auth:Audience</c>.</summary>
    public string HubIssuer { get; init; } = FacilityHub.Auth.HubTokens.DefaultIssuer;

    public string HubAudience { get; init; } = FacilityHub.Auth.HubTokens.DefaultAudience;

    /// <summary>JSON file the received orders are saved to and loaded from, so a restart still deduplicates.</summary>
    public string? StateFile { get; init; }

    /// <summary>Where the one-line console messages go; tests pass a <see cref="StringWriter"/> or <see cref="TextWriter.Null"/>.</summary>
    public TextWriter Output { get; init; } = Console.Out;

    /// <summary>Clock for received_at and progress timestamps, and for the retry back-off.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>First delay before a progress report is retried; doubles (with jitter) up to <see cref="ProgressRetryMaxDelay"/>.</summary>
    public TimeSpan ProgressRetryBaseDelay { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Longest delay between two attempts of a progress report.</summary>
    public TimeSpan ProgressRetryMaxDelay { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>
    /// Attempts after the first one. The default keeps trying until the simulator stops, as a real
    /// dispatch system would; a hub that is down for a while must still hear about the order.
    /// </summary>
    public int ProgressRetryMaxAttempts { get; init; } = int.MaxValue;

    /// <summary>Deadline of one ReportProgress attempt.</summary>
    public TimeSpan ProgressCallTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>How long after receiving a new order it is accepted (zero: at once). Needs <see cref="HubUrl"/>.</summary>
    public TimeSpan AcceptDelay { get; init; } = TimeSpan.Zero;

    /// <summary>When set, every new order is rejected (after <see cref="AcceptDelay"/>) with this reason instead of accepted.</summary>
    public string? RejectReason { get; init; }

    /// <summary>From the start, every call is answered UNAVAILABLE for this long: a dispatch system that is down.</summary>
    public TimeSpan DownFor { get; init; } = TimeSpan.Zero;

    /// <summary>Every create, update and cancel is carried out at once but answered this late: a slow dispatch system
    /// (the hub may give up waiting and call again).</summary>
    public TimeSpan AnswerDelay { get; init; } = TimeSpan.Zero;

    /// <summary>What happens to an accepted order, step by step, each at its time after the acceptance
    /// (e.g. en route +5 s, on site +10 s, resolved +30 s). Empty: it stays accepted.</summary>
    public IReadOnlyList<WalkStep> Walk { get; init; } = [];

    /// <summary>NOBODY_HOME and RESCHEDULED book the next visit this long after they happen.</summary>
    public TimeSpan RescheduleBy { get; init; } = TimeSpan.FromHours(2);

    /// <summary>The team named in TEAM_ASSIGNED reports.</summary>
    public string Team { get; init; } = "sim-team-1";
}
