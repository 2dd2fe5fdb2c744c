using System.Net;

namespace FacilityHub.Auth;

/// <summary>Bearer tokens travel in plaintext only on this machine: the hub serves plaintext only on a loopback
/// address, and fhub sends a token over http:// only to one.</summary>
public static class Loopback
{
    /// <summary>"localhost", 127.0.0.0/8 or ::1 (brackets allowed); "*", "0.0.0.0" and names are not.</summary>
    public static bool IsLoopbackHost(string host) =>
        host.Equals("localhost", StringComparison.OrdinalIgnoreCase)
        || (IPAddress.TryParse(host.Trim('[', ']'), out var ip) && IPAddress.IsLoopback(ip));
}
