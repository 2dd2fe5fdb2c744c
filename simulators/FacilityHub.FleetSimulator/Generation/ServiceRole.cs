namespace FacilityHub.FleetSimulator.Generation;

/// <summary>How a metric follows its device's <see cref="ServiceDay"/> (devices without one ignore it).</summary>
public enum ServiceRole
{
    /// <summary>Not tied to the day: the metric's nominal value all day.</summary>
    None,

    /// <summary>1 while in service, 0 otherwise (a dishwasher's conveyor).</summary>
    RunsInService,

    /// <summary>At its nominal value in service, heated up to it before, cooling down after (a dishwasher's tanks).</summary>
    Heated,
}
