namespace FacilityHub.Domain.Maintenance;

/// <summary>Due every <see cref="Every"/> running hours or starts of the item, counted from its <see cref="Metric"/>
/// (1 running, 0 stopped). Occurrence n (from 1) is due when the count reaches <c>n * Every</c>.</summary>
public sealed record RuntimeSchedule(RuntimeBasis Basis, double Every, string Metric)
{
    public double Count(RuntimeMeter meter, DateTimeOffset now) => Basis == RuntimeBasis.Hours ? meter.RunningHoursAt(now) : meter.Starts;

    public string Label(long occurrence) => Basis == RuntimeBasis.Hours ? $"{occurrence * Every:0.##}h" : $"{occurrence * Every:0}starts";

    public override string ToString() => Basis == RuntimeBasis.Hours ? $"every {Every:0.##} running hours" : $"every {Every:0} starts";
}
