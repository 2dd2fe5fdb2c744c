using System.Text;
using Grpc.Core;

namespace FacilityHub.Cli.Hub;

/// <summary>The one line fhub prints on stderr when a call to the hub fails.</summary>
public static class HubErrors
{
    /// <summary>What to do about UNAUTHENTICATED.</summary>
    public const string TokenHint = " (set FHUB_TOKEN or --token; 'fhub token --role ROLE --name NAME' mints one)";

    public static string CannotReach(string hub) =>
        $"fhub: cannot reach the hub at {hub} (set --hub or FHUB_URL)";

    public static string InvalidAddress(string? hub) =>
        $"fhub: invalid hub address '{hub}': expected http://HOST:PORT (set --hub or FHUB_URL)";

    public static string PlaintextToken(string hub) =>
        $"fhub: not sending a token in plaintext to {hub}: use https://, or plaintext on this machine (127.0.0.1)";

    /// <summary>
    /// "fhub: NOT_FOUND: equipment 'x' is not in the topology", or the cannot-reach line when the
    /// call never got an answer from a server.
    /// </summary>
    public static string Describe(RpcException error, string hub)
    {
        if (IsUnreachable(error))
        {
            return CannotReach(hub);
        }

        var detail = OneLine(error.Status.Detail);
        var code = CodeName(error.StatusCode);
        var line = detail.Length == 0 ? $"fhub: {code}" : $"fhub: {code}: {detail}";
        return error.StatusCode == StatusCode.Unauthenticated ? line + TokenHint : line;
    }

    /// <summary>
    /// UNAVAILABLE raised by the client itself (connection refused, unknown host, connect timeout)
    /// carries the local exception; an UNAVAILABLE answered by the hub does not.
    /// </summary>
    public static bool IsUnreachable(RpcException error) =>
        error.StatusCode == StatusCode.Unavailable && error.Status.DebugException is not null;

    /// <summary>The canonical gRPC name: NotFound → NOT_FOUND, Cancelled → CANCELLED.</summary>
    public static string CodeName(StatusCode code)
    {
        if (!Enum.IsDefined(code))
        {
            return $"CODE_{(int)code}";
        }

        var name = code.ToString();
        var text = new StringBuilder(name.Length + 4);
        for (var i = 0; i < name.Length; i++)
        {
            if (i > 0 && char.IsUpper(name[i]) && char.IsLower(name[i - 1]))
            {
                text.Append('_');
            }

            text.Append(char.ToUpperInvariant(name[i]));
        }

        return text.ToString();
    }

    private static string OneLine(string? text) =>
        string.Join(' ', (text ?? "").Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
}
