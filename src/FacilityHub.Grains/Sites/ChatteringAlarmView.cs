using FacilityHub.Domain.Alarms;

namespace FacilityHub.Grains.Sites;

/// <summary>A serializable <see cref="ChatteringAlarm"/>.</summary>
[GenerateSerializer, Immutable, Alias("fh.ChatteringAlarmView")]
public sealed record ChatteringAlarmView(string Tag, int Activations, int MostWithinChatterWindow, DateTimeOffset LastActivation)
{
    public static ChatteringAlarmView Of(ChatteringAlarm c) => new(c.Tag, c.Activations, c.MostWithinChatterWindow, c.LastActivation);
}
