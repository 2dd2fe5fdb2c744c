namespace FacilityHub.Domain.WorkOrders;

/// <summary>Delay before the next attempt to hand an order to the dispatch system: doubling from 200 ms,
/// capped at 10 s, so an order reaches a recovered dispatch system within seconds.</summary>
public static class DispatchBackoff
{
    public static readonly TimeSpan First = TimeSpan.FromMilliseconds(200);
    public static readonly TimeSpan Max = TimeSpan.FromSeconds(10);

    public static TimeSpan After(int failedAttempts)
    {
        if (failedAttempts <= 0) return TimeSpan.Zero;
        double ms = First.TotalMilliseconds * Math.Pow(2, Math.Min(failedAttempts - 1, 16));
        return TimeSpan.FromMilliseconds(Math.Min(ms, Max.TotalMilliseconds));
    }
}
