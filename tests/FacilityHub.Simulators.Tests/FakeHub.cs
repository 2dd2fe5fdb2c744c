using System.Collections.Concurrent;
using System.Net;
using FacilityHub.Dispatch.V1;
using Grpc.Core;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace FacilityHub.Simulators.Tests;

/// <summary>
/// Stands in for the hub's DispatchProgressService. The first <c>failFirst</c> reports are answered
/// with UNAVAILABLE, as a hub that is still starting would, to exercise the simulator's retries.
/// </summary>
internal sealed class FakeHub : DispatchProgressService.DispatchProgressServiceBase, IAsyncDisposable
{
    private readonly WebApplication _app;
    private int _failuresLeft;
    private int _attempts;

    private FakeHub(int failFirst)
    {
        _failuresLeft = failFirst;
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0, l => l.Protocols = HttpProtocols.Http2));
        builder.Services.AddGrpc();
        builder.Services.AddSingleton(this);
        _app = builder.Build();
        _app.MapGrpcService<FakeHub>();
    }

    public ConcurrentQueue<ReportProgressRequest> Reports { get; } = new();

    /// <summary>The authorization header of each report call ("" without one).</summary>
    public ConcurrentQueue<string> Authorizations { get; } = new();

    /// <summary>Report calls received, failed ones included.</summary>
    public int Attempts => Volatile.Read(ref _attempts);

    public Uri Url { get; private set; } = null!;

    public static async Task<FakeHub> StartAsync(int failFirst)
    {
        var hub = new FakeHub(failFirst);
        await hub._app.StartAsync();
        hub.Url = new Uri(hub._app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single());
        return hub;
    }

    public override Task<ReportProgressResponse> ReportProgress(ReportProgressRequest request, ServerCallContext context)
    {
        Interlocked.Increment(ref _attempts);
        Authorizations.Enqueue(context.RequestHeaders.GetValue("authorization") ?? "");
        if (Interlocked.Decrement(ref _failuresLeft) >= 0)
        {
            throw new RpcException(new Status(StatusCode.Unavailable, "hub still starting"));
        }

        Reports.Enqueue(request);
        return Task.FromResult(new ReportProgressResponse { Recorded = true });
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
