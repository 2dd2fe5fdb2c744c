namespace FacilityHub.Domain.Alarms;

/// <summary>One of the most frequent alarms: its activations and their share of all activations (%).</summary>
public sealed record FrequentAlarm(string Tag, int Activations, double PercentOfActivations);
