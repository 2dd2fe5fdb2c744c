using FacilityHub.Domain.Alarms;

namespace FacilityHub.Grains.Sites;

/// <summary>A new alarm occurrence in the site's activation log (the source of its alarm KPIs).</summary>
[GenerateSerializer, Immutable, Alias("fh.AlarmActivationEntry")]
public sealed record AlarmActivationEntry(string AlarmId, AlarmPriority Priority, DateTimeOffset RaisedAt);
