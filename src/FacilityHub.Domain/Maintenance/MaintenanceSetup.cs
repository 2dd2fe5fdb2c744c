namespace FacilityHub.Domain.Maintenance;

/// <summary>The engineering teams and preventive-maintenance plans of the estate (topology file, section "maintenance").</summary>
public sealed record MaintenanceSetup(IReadOnlyList<MaintenanceTeam> Teams, IReadOnlyList<MaintenancePlan> Plans)
{
    /// <summary>The skills FacilityHub ships with; configuration may add others.</summary>
    public static readonly IReadOnlyList<string> KnownSkills = ["plumbing", "electrical", "kitchen_equipment", "alarm_systems"];

    public static readonly MaintenanceSetup Empty = new([], []);

    public IEnumerable<MaintenanceTeam> TeamsWith(string skill) => Teams.Where(t => t.Skill == skill);

    public MaintenanceTeam? Team(string id) => Teams.FirstOrDefault(t => t.Id == id);
}
