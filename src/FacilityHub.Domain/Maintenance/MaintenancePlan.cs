namespace FacilityHub.Domain.Maintenance;

/// <summary>A preventive-maintenance plan from configuration, for every item of <see cref="Kind"/> or for the items
/// listed in <see cref="EquipmentIds"/>: what is done (<see cref="Title"/>), by a team of <see cref="Skill"/>, booked for
/// <see cref="Duration"/>, on a calendar (orders made <see cref="Lead"/> ahead) or by runtime (made when the count is reached).</summary>
public sealed record MaintenancePlan(
    string Id,
    string Title,
    string Skill,
    string? Kind,
    IReadOnlyList<string> EquipmentIds,
    TimeSpan Duration,
    TimeSpan Lead,
    CalendarSchedule? Calendar,
    RuntimeSchedule? Runtime)
{
    public bool Covers(Topology.EquipmentItem item) =>
        EquipmentIds.Count > 0 ? EquipmentIds.Contains(item.Id, StringComparer.Ordinal) : item.Kind.Name == Kind;

    public string ScheduleText => Calendar?.ToString() ?? Runtime!.ToString();
}
