namespace FacilityHub.Domain.Quality;

/// <summary>Section "Quality": the inspections file and how long a nonconformance may wait for an action owner.</summary>
public sealed class QualityPolicy
{
    public const string Section = "Quality";

    /// <summary>Quality:InspectionsFile — checklists and calendar; empty: no checklists.</summary>
    public string InspectionsFile { get; set; } = "inspections.json";

    /// <summary>Quality:AssignActionWithin — a nonconformance without an action owner escalates after this long.</summary>
    public TimeSpan AssignActionWithin { get; set; } = TimeSpan.FromDays(1);

    /// <summary>Quality:MaxActionDue — the furthest an action's due date may lie.</summary>
    public TimeSpan MaxActionDue { get; set; } = TimeSpan.FromDays(90);

    public IEnumerable<string> Problems()
    {
        if (AssignActionWithin <= TimeSpan.Zero) yield return $"{Section}:AssignActionWithin: must be positive (is {AssignActionWithin})";
        if (MaxActionDue <= TimeSpan.Zero) yield return $"{Section}:MaxActionDue: must be positive (is {MaxActionDue})";
    }
}
