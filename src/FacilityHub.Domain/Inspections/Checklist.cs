namespace FacilityHub.Domain.Inspections;

/// <summary>A checklist for an area (pump room, canteen kitchen...): it applies to every building that holds an item
/// of one of its <see cref="Kinds"/>, and each such building is a post inspected at each of its <see cref="Levels"/>.</summary>
public sealed record Checklist(string Id, string Name, string Area, IReadOnlyList<string> Kinds, IReadOnlyList<InspectionLevel> Levels, IReadOnlyList<ChecklistItem> Items)
{
    public ChecklistItem? Item(string id) => Items.FirstOrDefault(i => i.Id == id);
}
