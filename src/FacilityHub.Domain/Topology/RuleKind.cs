namespace FacilityHub.Domain.Topology;

public enum RuleKind
{
    /// <summary>A metric above or below a limit.</summary>
    Threshold,
    /// <summary>A discrete event from the device, e.g. a home alarm zone tripping.</summary>
    Event,
}
