namespace FacilityHub.Cli;

/// <summary>What fhub takes from its surroundings: the FHUB_URL variable and the clock.</summary>
public sealed record FhubEnvironment(string? HubUrl, TimeProvider Time)
{
    public const string HubUrlVariable = "FHUB_URL";

    public static FhubEnvironment FromProcess() =>
        new(Environment.GetEnvironmentVariable(HubUrlVariable), TimeProvider.System);
}
