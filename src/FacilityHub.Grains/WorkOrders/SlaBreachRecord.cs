using FacilityHub.Domain.WorkOrders;

namespace FacilityHub.Grains.WorkOrders;

/// <summary>A time limit the order missed (<see cref="SlaBreach"/>), kept with the order for the monthly figures.</summary>
[GenerateSerializer, Immutable, Alias("fh.SlaBreachRecord")]
public sealed record SlaBreachRecord(SlaClock Clock, DateTimeOffset Due, DateTimeOffset DetectedAt, string Key);
