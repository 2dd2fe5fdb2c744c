namespace FacilityHub.Testing;

/// <summary>A server process exited while it was starting; the message carries its last output.</summary>
internal sealed class ServerExitedException(string message, string output) : InvalidOperationException(message)
{
    public string Output { get; } = output;

    public bool AddressInUse => Output.Contains("address already in use", StringComparison.OrdinalIgnoreCase);
}
