using FacilityHub.Domain.Topology;

namespace FacilityHub.FleetSimulator.Topology;

/// <summary>
/// The daily periods in which a device is in service, taken from the hub's own compliance rule for the item (its kind's
/// rule with the item's overrides, e.g. a canteen's meal periods): at least each period's minimum of <see cref="Event"/>
/// (a dishwasher's <c>water_changed</c>) must fall inside it.
/// </summary>
public sealed record ServiceSchedule(string Event, IReadOnlyList<MealPeriod> Periods, TimeZoneInfo TimeZone);
