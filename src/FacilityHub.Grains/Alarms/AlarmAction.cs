namespace FacilityHub.Grains.Alarms;

/// <summary>An operator's action on one occurrence (<see cref="AlarmId"/>), by <see cref="Operator"/>.</summary>
[GenerateSerializer, Immutable, Alias("fh.AlarmAction")]
public sealed record AlarmAction(string AlarmId, string Operator, string Note);
