namespace FacilityHub.Domain.Alarms;

/// <summary>An occurrence whose condition holds and is annunciated now, raised at <see cref="RaisedAt"/>.</summary>
public sealed record ActiveAlarm(string Tag, string AlarmId, DateTimeOffset RaisedAt);
