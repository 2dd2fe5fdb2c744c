using FacilityHub.Grains.Alarms;

namespace FacilityHub.Grains.Sites;

/// <summary>Changes of a site's alarms after a sequence number. <see cref="Reset"/>: the changes asked for are no
/// longer kept, so <see cref="Changes"/> is instead a snapshot of every alarm not in normal, current at
/// <see cref="Sequence"/>.</summary>
[GenerateSerializer, Immutable, Alias("fh.AlarmChanges")]
public sealed record AlarmChanges(long Sequence, bool Reset, AlarmChange[] Changes);

[GenerateSerializer, Immutable, Alias("fh.AlarmChange")]
public sealed record AlarmChange(long Sequence, AlarmView Alarm);
