namespace FacilityHub.Domain.Alarms;

/// <summary>An operator action that the alarm's current state does not allow; the message says why.</summary>
public sealed class AlarmActionRefusedException(string message) : Exception(message);
