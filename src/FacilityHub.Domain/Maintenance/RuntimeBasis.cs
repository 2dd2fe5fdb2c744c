namespace FacilityHub.Domain.Maintenance;

/// <summary>What a runtime-based plan counts from the item's telemetry.</summary>
public enum RuntimeBasis
{
    /// <summary>Hours with the running metric at 1.</summary>
    Hours = 1,
    /// <summary>Changes of the running metric from 0 to 1.</summary>
    Starts = 2,
}
