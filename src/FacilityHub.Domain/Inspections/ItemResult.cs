namespace FacilityHub.Domain.Inspections;

/// <summary>What an inspector found on one checklist item.</summary>
public enum ItemResult
{
    Pass = 1,
    Fail = 2,
    NotApplicable = 3,
}
