using Grpc.Net.Client;

namespace FacilityHub.Server.Dispatch;

/// <summary>The one channel to the dispatch system, kept open: an emergency order should not pay for a new
/// connection because the last order went out minutes ago.</summary>
public static class DispatchChannel
{
    public static GrpcChannel For(Uri address) => GrpcChannel.ForAddress(address, new GrpcChannelOptions
    {
        HttpHandler = new SocketsHttpHandler
        {
            // .NET closes a pooled connection idle for a minute by default; orders can be hours apart.
            PooledConnectionIdleTimeout = Timeout.InfiniteTimeSpan,
            // HTTP/2 pings notice a dead connection (and keep middleboxes from dropping an idle one) before an order needs it.
            KeepAlivePingDelay = TimeSpan.FromSeconds(60),
            KeepAlivePingTimeout = TimeSpan.FromSeconds(30),
            KeepAlivePingPolicy = HttpKeepAlivePingPolicy.Always,
            EnableMultipleHttp2Connections = true,
        },
    });
}
