using System.Net;
using FacilityHub.Dispatch.V1;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace FacilityHub.DispatchSimulator;

/// <summary>
/// A running dispatch simulator: a gRPC server on 127.0.0.1 (HTTP/2 only, plaintext) serving
/// <c>dispatch.v1.DispatchService</c>. Start it with <see cref="StartAsync"/>, in a console program
/// or inside a test.
/// </summary>
public sealed class DispatchSimulatorServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly WorkOrderStore _store;
    private readonly ProgressReporter _progress;
    private int _stopped;

    private readonly Outage _outage;

    private DispatchSimulatorServer(WebApplication app, WorkOrderStore store, ProgressReporter progress, Outage outage, Uri url)
    {
        _outage = outage;
        _app = app;
        _store = store;
        _progress = progress;
        Url = url;
    }

    /// <summary>Address for gRPC clients, e.g. <c>http://127.0.0.1:5090</c>.</summary>
    public Uri Url { get; }

    /// <summary>The port actually bound (the OS's pick when the options said 0).</summary>
    public int Port => Url.Port;

    /// <summary>Copies of the orders received so far, oldest first.</summary>
    public IReadOnlyList<ReceivedWorkOrder> Orders => _store.Snapshot();

    /// <summary>Valid create calls received so far, first and repeated.</summary>
    public int CreateCalls => _store.CreateCalls;

    /// <summary>Progress reports the hub has confirmed (always 0 without a hub URL).</summary>
    public int ProgressReportsDelivered => _progress.Delivered;

    /// <summary>Progress reports the hub has confirmed, in the order it confirmed them.</summary>
    public IReadOnlyList<ReportProgressRequest> ProgressDelivered => _progress.DeliveredReports;

    /// <summary>True while the simulated dispatch system answers every call UNAVAILABLE.</summary>
    public bool IsDown => _outage.IsDown;

    /// <summary>The dispatch system goes down from now for <paramref name="duration"/> (zero: it is back at once).</summary>
    public void GoDown(TimeSpan duration) => _outage.GoDown(duration);

    /// <summary>Loads the state file (if any), binds 127.0.0.1:<c>options.Port</c> and starts serving.</summary>
    /// <exception cref="IOException">The port is taken.</exception>
    /// <exception cref="InvalidDataException">The state file cannot be read.</exception>
    public static async Task<DispatchSimulatorServer> StartAsync(DispatchSimulatorOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfNegative(options.Port);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(options.Port, IPEndPoint.MaxPort);

        var console = new SimulatorConsole(options.Output);
        var store = await WorkOrderStore.OpenAsync(options.StateFile, options.TimeProvider, cancellationToken).ConfigureAwait(false);
        var progress = new ProgressReporter(options, console);
        var outage = new Outage(options.TimeProvider, options.DownFor, options.AnswerDelay);

        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            ApplicationName = typeof(DispatchSimulatorServer).Assembly.GetName().Name,
            ContentRootPath = AppContext.BaseDirectory,
        });
        // The simulator speaks in its own one-line messages; framework chatter only when it matters.
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        // A failed start (port taken) reaches the caller as an exception; the host's own stack-trace
        // log of it would only bury the one-line message the console program prints.
        builder.Logging.AddFilter("Microsoft.Extensions.Hosting.Internal.Host", LogLevel.None);
        builder.WebHost.ConfigureKestrel(kestrel =>
            // Loopback only, and HTTP/2 only: plaintext gRPC fails with Http1AndHttp2 (no ALPN to pick h2).
            kestrel.Listen(IPAddress.Loopback, options.Port, listen => listen.Protocols = HttpProtocols.Http2));
        builder.Services.AddSingleton<IHostLifetime, OwnerControlledLifetime>();
        builder.Services.AddSingleton(store);
        builder.Services.AddSingleton(progress);
        builder.Services.AddSingleton(outage);
        builder.Services.AddSingleton(console);
        builder.Services.AddGrpc();

        var app = builder.Build();
        app.MapGrpcService<DispatchSimulatorService>();
        try
        {
            await app.StartAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await progress.DisposeAsync().ConfigureAwait(false);
            await app.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>()
            .Addresses.Single();
        // Kestrel reports the bound endpoint, e.g. "http://127.0.0.1:41234".
        var url = new Uri(address);
        return new DispatchSimulatorServer(app, store, progress, outage, url);
    }

    /// <summary>Stops taking calls and abandons progress reports still being retried.</summary>
    public async Task StopAsync(CancellationToken cancellationToken = default)
    {
        if (Interlocked.Exchange(ref _stopped, 1) != 0)
        {
            return;
        }

        // Calls in flight finish first; they may still hand the reporter an order.
        await _app.StopAsync(cancellationToken).ConfigureAwait(false);
        await _progress.StopAsync().ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync().ConfigureAwait(false);
        await _progress.DisposeAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }
}
