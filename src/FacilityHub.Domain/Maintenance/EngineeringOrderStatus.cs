namespace FacilityHub.Domain.Maintenance;

/// <summary>Where an internal engineering order (preventive maintenance) stands.</summary>
public enum EngineeringOrderStatus
{
    /// <summary>Booked for a team's visit, not started.</summary>
    Scheduled = 1,
    /// <summary>The team started the work: the item is under maintenance.</summary>
    InProgress = 2,
    /// <summary>Done, with findings and parts used.</summary>
    Completed = 3,
}
