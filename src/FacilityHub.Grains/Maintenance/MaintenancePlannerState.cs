namespace FacilityHub.Grains.Maintenance;

/// <summary>What the planner stores, in one write: how far each (plan, item) has been planned and every engineering
/// order with its booked visit, so that the plan's progress and the bookings never disagree after a crash.</summary>
[GenerateSerializer, Alias("fh.MaintenancePlannerState")]
public sealed class MaintenancePlannerState
{
    /// <summary>Next occurrence per "plan|item" (<see cref="Domain.Maintenance.MaintenancePlanner.ProgressKey"/>).</summary>
    [Id(0)] public Dictionary<string, long> Progress { get; set; } = [];
    [Id(1)] public Dictionary<string, EngineeringOrder> Orders { get; set; } = [];
    /// <summary>Home alarm services requested so far: the number in the next one's id.</summary>
    [Id(2)] public long ServiceRequests { get; set; }
}
