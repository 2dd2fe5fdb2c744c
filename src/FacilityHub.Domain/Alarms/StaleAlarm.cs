namespace FacilityHub.Domain.Alarms;

/// <summary>An occurrence active for longer than the stale limit: for <see cref="ActiveFor"/> at the window's end.</summary>
public sealed record StaleAlarm(string Tag, string AlarmId, DateTimeOffset RaisedAt, TimeSpan ActiveFor);
