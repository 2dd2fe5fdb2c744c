namespace FacilityHub.Domain.Telemetry;

/// <summary>
/// Which device timestamps the hub believes. A device may upload what it buffered while offline for up to a day;
/// anything older is a replay or a clock gone wrong. A clock a little ahead (skew) is accepted as sent, not clamped:
/// the stored point keeps the device's time, and rules run on the hub's clock anyway. Further ahead is rejected,
/// since a point from the future would stand as the latest reading until that time.
/// </summary>
public static class TimestampWindow
{
    public static readonly TimeSpan MaxAge = TimeSpan.FromHours(24);
    public static readonly TimeSpan MaxLead = TimeSpan.FromMinutes(5);

    /// <summary>Null when <paramref name="timestamp"/> is acceptable at <paramref name="now"/>.</summary>
    public static RejectReason? Check(DateTimeOffset timestamp, DateTimeOffset now) =>
        timestamp < now - MaxAge ? RejectReason.TimestampTooOld
        : timestamp > now + MaxLead ? RejectReason.TimestampInFuture
        : null;
}
