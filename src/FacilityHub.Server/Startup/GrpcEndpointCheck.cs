using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using FacilityHub.Auth;

namespace FacilityHub.Server.Startup;

/// <summary>Before anything binds: every configured endpoint is HTTPS with the configured certificate, or
/// plaintext on a loopback address. Bearer tokens must not cross a network in the clear.</summary>
public static class GrpcEndpointCheck
{
    /// <summary>The certificate to serve HTTPS with (null for a plaintext endpoint); each problem is one line naming the setting.</summary>
    public static X509Certificate2? Run(IConfiguration config, TlsOptions tls, TimeProvider time, List<string> problems)
    {
        var certificate = tls.Enabled ? Load(tls, time, problems) : null;
        foreach (var (setting, url) in Endpoints(config))
        {
            BindingAddress address;
            try
            {
                address = BindingAddress.Parse(url);
            }
            catch (FormatException)
            {
                problems.Add($"{setting}: '{url}' is not an address like http://127.0.0.1:5080");
                continue;
            }
            if (address.Scheme.Equals("https", StringComparison.OrdinalIgnoreCase))
            {
                if (!tls.Enabled) problems.Add($"{TlsOptions.Section}:CertificatePath: is required for the https endpoint {setting} ({url})");
            }
            else if (tls.Enabled)
            {
                problems.Add($"{setting}: '{url}' is plaintext although {TlsOptions.Section}:CertificatePath is set; use https://");
            }
            else if (!Loopback.IsLoopbackHost(address.Host))
            {
                problems.Add($"{setting}: plaintext gRPC is allowed on a loopback address only, not '{url}': set {TlsOptions.Section}:CertificatePath and use https://, or bind 127.0.0.1");
            }
        }
        return certificate;
    }

    /// <summary>Kestrel's configured endpoints; without any, the "urls" setting (ASPNETCORE_URLS, --urls), which Kestrel uses then.</summary>
    private static IEnumerable<(string Setting, string Url)> Endpoints(IConfiguration config)
    {
        var endpoints = config.GetSection("Kestrel:Endpoints").GetChildren().ToList();
        if (endpoints.Count > 0) return endpoints.Select(e => ($"Kestrel:Endpoints:{e.Key}:Url", e["Url"] ?? ""));
        return (config["urls"] ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(u => ("urls", u));
    }

    private static X509Certificate2? Load(TlsOptions tls, TimeProvider time, List<string> problems)
    {
        string setting = $"{TlsOptions.Section}:CertificatePath ({tls.CertificatePath})";
        X509Certificate2 certificate;
        try
        {
            certificate = string.IsNullOrWhiteSpace(tls.KeyPath)
                ? X509CertificateLoader.LoadPkcs12FromFile(tls.CertificatePath!, tls.CertificatePassword)
                : string.IsNullOrEmpty(tls.CertificatePassword)
                    ? X509Certificate2.CreateFromPemFile(tls.CertificatePath!, tls.KeyPath)
                    : X509Certificate2.CreateFromEncryptedPemFile(tls.CertificatePath!, tls.CertificatePassword, tls.KeyPath);
        }
        catch (Exception e) when (e is CryptographicException or IOException or UnauthorizedAccessException or ArgumentException)
        {
            problems.Add($"{setting}: cannot load the certificate ({e.Message.Split('\n')[0].Trim()})");
            return null;
        }
        if (!certificate.HasPrivateKey)
        {
            problems.Add($"{setting}: the certificate has no private key (a .pfx with its key, or a PEM certificate with {TlsOptions.Section}:KeyPath)");
        }
        else if (certificate.NotAfter.ToUniversalTime() < time.GetUtcNow().UtcDateTime)
        {
            problems.Add($"{setting}: the certificate expired on {certificate.NotAfter.ToUniversalTime():yyyy-MM-dd}");
        }
        return certificate;
    }
}
