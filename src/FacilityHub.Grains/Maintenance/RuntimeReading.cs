namespace FacilityHub.Grains.Maintenance;

/// <summary>A runtime meter as stored and read (<see cref="Domain.Maintenance.RuntimeMeter"/>).</summary>
[GenerateSerializer, Immutable, Alias("fh.RuntimeReading")]
public sealed record RuntimeReading(double HoursBefore, long Starts, DateTimeOffset? RunningSince, DateTimeOffset? LastAt)
{
    public Domain.Maintenance.RuntimeMeter ToMeter() => new(HoursBefore, Starts, RunningSince, LastAt);

    public static RuntimeReading Of(Domain.Maintenance.RuntimeMeter m) => new(m.HoursBefore, m.Starts, m.RunningSince, m.LastAt);
}
