namespace FacilityHub.Server.Startup;

/// <summary>Section "Hub:Tls": the certificate the gRPC endpoint serves HTTPS with. Without one the endpoint is
/// plaintext, which the hub allows on a loopback address only.</summary>
public sealed class TlsOptions
{
    public const string Section = "Hub:Tls";

    /// <summary>Hub:Tls:CertificatePath — a PKCS#12 file (.pfx/.p12), or a PEM certificate with <see cref="KeyPath"/>.</summary>
    public string? CertificatePath { get; set; }

    /// <summary>Hub:Tls:CertificatePassword — of the PKCS#12 file (or of the encrypted PEM key), if it has one.</summary>
    public string? CertificatePassword { get; set; }

    /// <summary>Hub:Tls:KeyPath — the PEM private key, when <see cref="CertificatePath"/> is a PEM certificate.</summary>
    public string? KeyPath { get; set; }

    public bool Enabled => !string.IsNullOrWhiteSpace(CertificatePath);
}
