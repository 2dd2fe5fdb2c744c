namespace FacilityHub.Domain.Inspections;

/// <summary>A post: one checklist's area in one building of a site ("the B1 pump room").</summary>
public sealed record InspectionPost(string SiteId, string BuildingId, Checklist Checklist)
{
    public string Id => $"{BuildingId}/{Checklist.Id}";
}
