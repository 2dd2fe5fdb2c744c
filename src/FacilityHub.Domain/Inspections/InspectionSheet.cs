using FacilityHub.Domain.Quality;

namespace FacilityHub.Domain.Inspections;

/// <summary>Checks a round's results against its checklist: every item exactly once, nothing else, a note on every
/// failure. The failed items are the round's nonconformances.</summary>
public static class InspectionSheet
{
    public static IReadOnlyList<ChecklistItem> FailedItems(Checklist checklist, InspectionLevel level, IReadOnlyList<ItemCheck> checks)
    {
        if (!checklist.Levels.Contains(level)) throw new QualityActionRefusedException($"checklist '{checklist.Id}' is not used for {level.ToString().ToLowerInvariant()} rounds");
        foreach (var check in checks)
        {
            if (checklist.Item(check.ItemId) is null) throw new ArgumentException($"item '{check.ItemId}' is not on checklist '{checklist.Id}'");
            if (checks.Count(c => c.ItemId == check.ItemId) > 1) throw new ArgumentException($"item '{check.ItemId}' has more than one result");
            if (check.Result == ItemResult.Fail && string.IsNullOrWhiteSpace(check.Note)) throw new ArgumentException($"item '{check.ItemId}' failed: say what was found in its note");
        }
        var missing = checklist.Items.Where(i => checks.All(c => c.ItemId != i.Id)).Select(i => i.Id).ToList();
        if (missing.Count > 0) throw new ArgumentException($"no result for {string.Join(", ", missing)}: record every item (pass, fail or not applicable)");
        return [.. checklist.Items.Where(i => checks.Any(c => c.ItemId == i.Id && c.Result == ItemResult.Fail))];
    }
}
