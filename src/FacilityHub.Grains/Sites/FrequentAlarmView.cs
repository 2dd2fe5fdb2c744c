using FacilityHub.Domain.Alarms;

namespace FacilityHub.Grains.Sites;

/// <summary>A serializable <see cref="FrequentAlarm"/>.</summary>
[GenerateSerializer, Immutable, Alias("fh.FrequentAlarmView")]
public sealed record FrequentAlarmView(string Tag, int Activations, double PercentOfActivations)
{
    public static FrequentAlarmView Of(FrequentAlarm f) => new(f.Tag, f.Activations, f.PercentOfActivations);
}
