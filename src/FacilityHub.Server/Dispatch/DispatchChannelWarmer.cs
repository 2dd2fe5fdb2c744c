using Grpc.Net.Client;
using Microsoft.Extensions.Logging;

namespace FacilityHub.Server.Dispatch;

/// <summary>Connects the dispatch channel when the hub starts, so the first work order does not wait for the
/// connection. A dispatch system that is down is no reason to stop: the outbox retries each order.</summary>
public sealed partial class DispatchChannelWarmer(GrpcChannel channel, ILogger<DispatchChannelWarmer> logger) : BackgroundService
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        timeout.CancelAfter(Patience);
        try
        {
            await channel.ConnectAsync(timeout.Token);
            LogConnected(channel.Target);
        }
        catch (Exception e) when (!stoppingToken.IsCancellationRequested)
        {
            LogNotConnected(channel.Target, e.Message);
        }
        catch (OperationCanceledException)
        {
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Dispatch system at {Target}: connected")]
    private partial void LogConnected(string target);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Dispatch system at {Target}: not connected at start ({Error}); work orders wait in their outbox until it answers")]
    private partial void LogNotConnected(string target, string error);
}
