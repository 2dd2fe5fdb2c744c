namespace FacilityHub.Domain.Alarms;

/// <summary>ISA-18.2 / IEC 62682 alarm states.</summary>
public enum AlarmLifecycleState
{
    Normal = 1,
    ActiveUnacknowledged = 2,
    ActiveAcknowledged = 3,
    ReturnedUnacknowledged = 4,
    /// <summary>Hidden by an operator for a while (with a reason); comes back by itself at expiry.</summary>
    Shelved = 5,
    /// <summary>Hidden by design, e.g. while the item is under maintenance.</summary>
    SuppressedByDesign = 6,
    OutOfService = 7,
}
