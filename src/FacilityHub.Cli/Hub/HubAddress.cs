namespace FacilityHub.Cli.Hub;

/// <summary>Where the hub's gRPC endpoint is: --hub, else FHUB_URL, else the local default.</summary>
public static class HubAddress
{
    public const string Default = "http://127.0.0.1:5080";

    public static string Resolve(string? fromEnvironment) =>
        string.IsNullOrWhiteSpace(fromEnvironment) ? Default : fromEnvironment.Trim();

    /// <summary>An absolute http:// or https:// address, e.g. "http://10.0.0.5:5080".</summary>
    public static bool TryParse(string? text, out Uri address)
    {
        if (Uri.TryCreate(text, UriKind.Absolute, out var uri)
            && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
            && !string.IsNullOrEmpty(uri.Host))
        {
            address = uri;
            return true;
        }

        address = null!;
        return false;
    }
}
