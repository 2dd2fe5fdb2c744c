namespace FacilityHub.Domain.Alarms;

/// <summary>One activation: a new occurrence (<see cref="OccurrenceId"/>) of the alarm <see cref="Tag"/>
/// ("equipment/rule"), raised on <see cref="SiteId"/>, the operator position that answers it.</summary>
public sealed record AlarmActivation(string Tag, string OccurrenceId, string SiteId, AlarmPriority Priority, DateTimeOffset RaisedAt);
