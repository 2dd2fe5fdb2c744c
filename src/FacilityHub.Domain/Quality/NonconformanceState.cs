namespace FacilityHub.Domain.Quality;

/// <summary>Where a nonconformance's corrective and preventive action (CAPA) stands.</summary>
public enum NonconformanceState
{
    /// <summary>Raised; nobody owns an action yet.</summary>
    Open = 1,

    /// <summary>An owner and a due date are set (again, after a rejected verification).</summary>
    ActionAssigned = 2,

    /// <summary>The owner says the action is done; quality has to verify it.</summary>
    ActionCompleted = 3,

    /// <summary>Quality verified the action: closed.</summary>
    Verified = 4,
}
