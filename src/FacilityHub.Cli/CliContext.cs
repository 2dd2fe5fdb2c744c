using System.CommandLine;
using FacilityHub.Auth;
using FacilityHub.Cli.Hub;
using Grpc.Core;
using Grpc.Net.Client;

namespace FacilityHub.Cli;

/// <summary>What every command needs: the output streams, the clock, the --hub and --token options and the call wrapper.</summary>
internal sealed class CliContext(TextWriter output, TextWriter error, FhubEnvironment environment)
{
    // Long enough for a 10,000-point history page from InfluxDB, short enough that a hung hub is noticed.
    private static readonly TimeSpan CallTimeout = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(5);

    public TextWriter Output { get; } = output;

    public TextWriter Error { get; } = error;

    public TimeProvider Time { get; } = environment.Time;

    public bool LiveTerminal { get; } = environment.LiveTerminal;

    public Option<string> Hub { get; } = new("--hub")
    {
        Description = $"The hub's gRPC address; {FhubEnvironment.HubUrlVariable} sets the default.",
        HelpName = "URL",
        Recursive = true,
        DefaultValueFactory = _ => HubAddress.Resolve(environment.HubUrl),
    };

    public Option<string> Token { get; } = new("--token")
    {
        Description = $"The bearer token sent to the hub; {FhubEnvironment.TokenVariable} sets the default. 'fhub token' mints one.",
        HelpName = "JWT",
        Recursive = true,
        // No DefaultValueFactory: help prints an option's default, and that would put FHUB_TOKEN on the screen.
    };

    private readonly string _environmentToken = environment.Token?.Trim() ?? "";

    /// <summary>The hub's signing key from FHUB_SIGNING_KEY, for <c>fhub token</c>.</summary>
    public string? SigningKey { get; } = environment.SigningKey;

    /// <summary>
    /// Runs a command's calls on a channel to the hub and turns every failure into one line on
    /// stderr and exit code 1: no stack traces for operators.
    /// </summary>
    /// <param name="endless">A stream that runs until the user stops it: no call timeout.</param>
    public async Task<int> CallHubAsync(
        ParseResult parseResult, Func<GrpcChannel, CancellationToken, Task<int>> calls, CancellationToken ct, bool endless = false)
    {
        var hub = parseResult.GetValue(Hub) ?? HubAddress.Default;
        if (!HubAddress.TryParse(hub, out var address))
        {
            await Error.WriteLineAsync(HubErrors.InvalidAddress(hub));
            return 1;
        }

        string token = parseResult.GetValue(Token) is { Length: > 0 } given ? given : _environmentToken;
        if (token.Length > 0 && address.Scheme == Uri.UriSchemeHttp && !Loopback.IsLoopbackHost(address.Host))
        {
            await Error.WriteLineAsync(HubErrors.PlaintextToken(hub));
            return 1;
        }

        using var timeout = new CancellationTokenSource(endless ? Timeout.InfiniteTimeSpan : CallTimeout, Time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(ct, timeout.Token);
        HttpMessageHandler handler = new SocketsHttpHandler { ConnectTimeout = ConnectTimeout };
        using var channel = GrpcChannel.ForAddress(address, new GrpcChannelOptions
        {
            HttpHandler = token.Length > 0 ? new BearerTokenHandler(token, handler) : handler,
            DisposeHttpClient = true,
            ThrowOperationCanceledOnCancellation = true,
        });
        try
        {
            return await calls(channel, linked.Token);
        }
        catch (RpcException e)
        {
            await Error.WriteLineAsync(HubErrors.Describe(e, hub));
            return 1;
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            return 130;
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested)
        {
            await Error.WriteLineAsync($"fhub: the hub at {hub} did not answer within {CallTimeout.TotalSeconds:0}s");
            return 1;
        }
        catch (Exception e)
        {
            await Error.WriteLineAsync($"fhub: unexpected {e.GetType().Name}: {e.Message.ReplaceLineEndings(" ")}");
            return 1;
        }
    }
}
