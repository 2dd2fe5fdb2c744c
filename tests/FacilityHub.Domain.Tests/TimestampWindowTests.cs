using FacilityHub.Domain.Telemetry;

namespace FacilityHub.Domain.Tests;

public sealed class TimestampWindowTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 25, 10, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(0)]
    [InlineData(-3600)]                    // an hour of buffered readings uploaded after an outage
    [InlineData(-24 * 3600)]               // the oldest believed
    [InlineData(300)]                      // five minutes of clock skew ahead
    public void Device_times_from_a_day_back_to_five_minutes_ahead_are_believed(int seconds) =>
        Assert.Null(TimestampWindow.Check(Now.AddSeconds(seconds), Now));

    [Theory]
    [InlineData(-24 * 3600 - 1, RejectReason.TimestampTooOld)]
    [InlineData(-400L * 86_400, RejectReason.TimestampTooOld)]
    [InlineData(301, RejectReason.TimestampInFuture)]
    [InlineData(50L * 365 * 86_400, RejectReason.TimestampInFuture)]
    public void Older_than_a_day_is_a_replay_and_further_ahead_than_five_minutes_is_the_future(long seconds, RejectReason reason) =>
        Assert.Equal(reason, TimestampWindow.Check(Now.AddSeconds(seconds), Now));

    [Fact]
    public void The_extremes_of_the_calendar_are_rejected_not_overflowed()
    {
        Assert.Equal(RejectReason.TimestampTooOld, TimestampWindow.Check(DateTimeOffset.MinValue, Now));
        Assert.Equal(RejectReason.TimestampInFuture, TimestampWindow.Check(DateTimeOffset.MaxValue, Now));
    }
}
