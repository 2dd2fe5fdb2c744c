using System.Net;
using System.Net.Sockets;

namespace FacilityHub.Testing;

/// <summary>Free TCP ports on 127.0.0.1 for servers started by tests.</summary>
public static class FreePort
{
    private static readonly HashSet<int> HandedOut = [];

    /// <summary>
    /// A port that was free on 127.0.0.1 a moment ago (the OS picks it by binding port 0), never
    /// handed out twice by this process. Another process may still take it before the caller binds
    /// it, so whoever binds it must cope with "address already in use".
    /// </summary>
    public static int Next()
    {
        for (var attempt = 0; attempt < 100; attempt++)
        {
            var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            var port = ((IPEndPoint)listener.LocalEndpoint).Port;
            listener.Stop();
            lock (HandedOut)
            {
                if (HandedOut.Add(port))
                {
                    return port;
                }
            }
        }

        throw new InvalidOperationException("Could not find a free TCP port on 127.0.0.1 that was not handed out before.");
    }
}
