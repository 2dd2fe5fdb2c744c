namespace FacilityHub.Cli;

/// <summary>What fhub takes from its surroundings: the FHUB_URL, FHUB_TOKEN and FHUB_SIGNING_KEY variables, the
/// clock, and whether its output is a terminal (live views redraw in place there, and print one line per change
/// elsewhere).</summary>
public sealed record FhubEnvironment(string? HubUrl, TimeProvider Time)
{
    public const string HubUrlVariable = "FHUB_URL";
    public const string TokenVariable = "FHUB_TOKEN";
    public const string SigningKeyVariable = "FHUB_SIGNING_KEY";

    public bool LiveTerminal { get; init; }

    /// <summary>The bearer token sent with every call unless --token gives another.</summary>
    public string? Token { get; init; }

    /// <summary>The hub's signing key, for <c>fhub token</c> (local runs).</summary>
    public string? SigningKey { get; init; }

    public static FhubEnvironment FromProcess() =>
        new(Environment.GetEnvironmentVariable(HubUrlVariable), TimeProvider.System)
        {
            LiveTerminal = !Console.IsOutputRedirected,
            Token = Environment.GetEnvironmentVariable(TokenVariable),
            SigningKey = Environment.GetEnvironmentVariable(SigningKeyVariable),
        };
}
