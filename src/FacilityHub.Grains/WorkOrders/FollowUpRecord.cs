namespace FacilityHub.Grains.WorkOrders;

/// <summary>A follow-up call (回访) as customer service recorded it: who, when, satisfied or not, and their remark.</summary>
[GenerateSerializer, Immutable, Alias("fh.FollowUpRecord")]
public sealed record FollowUpRecord(DateTimeOffset At, string Actor, bool Satisfied, string Remark);
