namespace FacilityHub.FleetSimulator.Drills;

/// <summary>
/// What the fleet sent during a drill and what the hub's ingestion counted meanwhile: <see cref="GoodSent"/> messages
/// the hub should keep, <see cref="BadSent"/> spoilt ones by the reason it should reject them with, and the hub's
/// <see cref="Hub"/> counters' change over the run. <see cref="Dropped"/>: messages the simulator itself gave up.
/// </summary>
public sealed record IngestionScore(long GoodSent, IReadOnlyDictionary<string, long> BadSent, long Dropped, DrillIngestionStats Hub);
