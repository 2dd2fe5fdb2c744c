using System.Globalization;
using FacilityHub.Domain.Alarms;

namespace FacilityHub.Domain.Quality;

/// <summary>A missed compliance period (too few dishwasher water changes in a meal) as a nonconformance: one per item,
/// rule and period occurrence, whose <see cref="Key"/> makes a repeat (after a restart) the same one.</summary>
public sealed record ComplianceFinding(string EquipmentId, string RuleId, MealWindow Period, string Message)
{
    public string Key => $"{EquipmentId}/{RuleId}/{Period.Period.Name}/{Period.Start.UtcDateTime.ToString("yyyyMMdd'T'HHmm", CultureInfo.InvariantCulture)}";
}
