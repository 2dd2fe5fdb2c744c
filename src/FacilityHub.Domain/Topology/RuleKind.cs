namespace FacilityHub.Domain.Topology;

public enum RuleKind
{
    /// <summary>A metric above or below a limit, with a deadband before it clears.</summary>
    Threshold,
    /// <summary>A discrete event from the device, e.g. a home alarm zone tripping.</summary>
    Event,
    /// <summary>A metric rising or falling faster than a rate (units per second) over a short window.</summary>
    RateOfChange,
    /// <summary>No message from the device for a while (offline, silent, dead battery).</summary>
    Stale,
    /// <summary>Several metric conditions holding at once, e.g. pump running and flow near zero (dry run).</summary>
    Composite,
    /// <summary>Too few of an event in a daily period, e.g. dishwasher wash-water changes per meal.</summary>
    Compliance,
    /// <summary>A metric that has not moved (beyond a tolerance) for a while, e.g. a pressure sensor stuck while the pump runs.</summary>
    Flatline,
}
