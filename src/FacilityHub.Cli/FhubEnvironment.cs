namespace FacilityHub.Cli;

/// <summary>What fhub takes from its surroundings: the FHUB_URL variable, the clock, and whether its output is a
/// terminal (live views redraw in place there, and print one line per change elsewhere).</summary>
public sealed record FhubEnvironment(string? HubUrl, TimeProvider Time)
{
    public const string HubUrlVariable = "FHUB_URL";

    public bool LiveTerminal { get; init; }

    public static FhubEnvironment FromProcess() =>
        new(Environment.GetEnvironmentVariable(HubUrlVariable), TimeProvider.System) { LiveTerminal = !Console.IsOutputRedirected };
}
