using FacilityHub.Domain.Alarms;

namespace FacilityHub.Grains.Sites;

/// <summary>A serializable <see cref="StaleAlarm"/>.</summary>
[GenerateSerializer, Immutable, Alias("fh.StaleAlarmView")]
public sealed record StaleAlarmView(string Tag, string AlarmId, DateTimeOffset RaisedAt, TimeSpan ActiveFor)
{
    public static StaleAlarmView Of(StaleAlarm s) => new(s.Tag, s.AlarmId, s.RaisedAt, s.ActiveFor);
}
