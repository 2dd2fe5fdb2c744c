namespace FacilityHub.FleetSimulator.Sizing;

/// <summary>How big a generated estate is: sites × buildings, equipment per building or site, home alarm points in all
/// (spread evenly over the buildings).</summary>
public sealed record EstateSize(int Sites, int BuildingsPerSite, int PumpsPerBuilding, int DishwashersPerSite, int AlarmPoints)
{
    /// <summary>Every device of the estate.</summary>
    public int Devices => (Sites * BuildingsPerSite * PumpsPerBuilding) + (Sites * DishwashersPerSite) + AlarmPoints;

    /// <summary>The first problem with the figures, or null.</summary>
    public string? Problem() =>
        Sites is < 1 or > 9_999 ? "--sites must be between 1 and 9999"
        : BuildingsPerSite is < 1 or > 999 ? "--buildings must be between 1 and 999"
        : PumpsPerBuilding is < 0 or > 99 ? "--pumps must be between 0 and 99"
        : DishwashersPerSite is < 0 or > 99 ? "--dishwashers must be between 0 and 99"
        : AlarmPoints is < 0 or > 10_000_000 ? "--alarm-points must be between 0 and 10000000"
        : Devices == 0 ? "the estate would have no devices"
        : null;
}
