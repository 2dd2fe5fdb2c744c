namespace FacilityHub.Domain.Maintenance;

/// <summary>The services the engineering department does on a home alarm point (DOMAIN.md): commission (开通),
/// relocate (改位), repair (维修).</summary>
public enum HomeAlarmServiceKind
{
    Commission = 1,
    Relocate = 2,
    Repair = 3,
}
