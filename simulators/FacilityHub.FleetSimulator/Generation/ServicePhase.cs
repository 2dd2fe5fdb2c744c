namespace FacilityHub.FleetSimulator.Generation;

/// <summary>Where a device with a <see cref="ServiceDay"/> is in its day.</summary>
public enum ServicePhase
{
    /// <summary>Between periods: switched off (conveyor stopped), tanks cooling towards the kitchen's temperature.</summary>
    Idle,

    /// <summary>Before a period: still stopped, heaters on, tanks climbing to their service temperatures.</summary>
    Heating,

    /// <summary>Inside a period: running at service temperatures.</summary>
    InService,
}
