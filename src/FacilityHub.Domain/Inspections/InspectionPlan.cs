using FacilityHub.Domain.Quality;
using FacilityHub.Domain.Topology;

namespace FacilityHub.Domain.Inspections;

/// <summary>The checklists, the working calendar and how the alarm engine's compliance findings are rated
/// (deploy/inspections.json).</summary>
public sealed class InspectionPlan(IReadOnlyList<Checklist> checklists, WorkingCalendar calendar, string complianceCategory, NonconformanceSeverity complianceSeverity)
{
    public const string DefaultComplianceCategory = "kitchen hygiene";

    public IReadOnlyList<Checklist> Checklists { get; } = checklists;
    public WorkingCalendar Calendar { get; } = calendar;

    /// <summary>The category of nonconformances raised by compliance rules (the dishwasher's water changes).</summary>
    public string ComplianceCategory { get; } = complianceCategory;
    public NonconformanceSeverity ComplianceSeverity { get; } = complianceSeverity;

    /// <summary>No checklists: nonconformances from the alarm engine and complaints still work.</summary>
    public static InspectionPlan Empty { get; } = new([], WorkingCalendar.WeekdaysIn(TimeZoneInfo.Utc), DefaultComplianceCategory, NonconformanceSeverity.Minor);

    public Checklist? Checklist(string id) => Checklists.FirstOrDefault(c => c.Id == id);

    /// <summary>The posts of a site: each building holding an item of a checklist's kinds, once per checklist.</summary>
    public IReadOnlyList<InspectionPost> PostsOf(Site site) =>
        [.. from building in site.Buildings
            from checklist in Checklists
            where building.Equipment.Any(e => checklist.Kinds.Contains(e.Kind.Name))
            select new InspectionPost(site.Id, building.Id, checklist)];
}
