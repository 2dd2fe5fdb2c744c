namespace FacilityHub.Domain.Inspections;

/// <summary>The three inspection levels (DOMAIN.md "Inspections and quality").</summary>
public enum InspectionLevel
{
    /// <summary>Team leaders' daily rounds: every post covered within 3 working days.</summary>
    Daily = 1,

    /// <summary>Department managers: every post once a week (Monday to Sunday, local time).</summary>
    Weekly = 2,

    /// <summary>The project lead: every post once a calendar month.</summary>
    Monthly = 3,
}
