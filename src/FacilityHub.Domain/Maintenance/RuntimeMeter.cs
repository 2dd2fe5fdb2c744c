namespace FacilityHub.Domain.Maintenance;

/// <summary>An item's running hours and starts, counted from its running metric: time counts from a reading of 1 to
/// the next reading of 0 (a stopped pump says so), and a start is a change from 0 (or nothing yet) to 1. Readings older
/// than the last one counted change nothing.</summary>
public sealed record RuntimeMeter(double HoursBefore, long Starts, DateTimeOffset? RunningSince, DateTimeOffset? LastAt)
{
    public static readonly RuntimeMeter Zero = new(0, 0, null, null);

    public bool Running => RunningSince is not null;

    public double RunningHoursAt(DateTimeOffset now) =>
        HoursBefore + (RunningSince is { } since && now > since ? (now - since).TotalHours : 0);

    public RuntimeMeter Observe(DateTimeOffset at, bool running)
    {
        if (at < LastAt) return this;
        if (running) return Running ? this with { LastAt = at } : this with { Starts = Starts + 1, RunningSince = at, LastAt = at };
        return Running ? new RuntimeMeter(RunningHoursAt(at), Starts, null, at) : this with { LastAt = at };
    }
}
