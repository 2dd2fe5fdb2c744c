using FacilityHub.Cli.CommandLine;

namespace FacilityHub.Cli.Tests;

public sealed class DurationsTests
{
    [Theory]
    [InlineData("90m", 90 * 60)]
    [InlineData("30m", 30 * 60)]
    [InlineData("1h", 3600)]
    [InlineData("2d", 2 * 86_400)]
    [InlineData("45s", 45)]
    [InlineData("1w", 7 * 86_400)]
    [InlineData("1h30m", 90 * 60)]
    [InlineData("1d12h", 36 * 3600)]
    [InlineData("2H", 2 * 3600)]
    [InlineData(" 15m ", 15 * 60)]
    public void Operator_durations_are_read_as_spans_of_time(string text, int seconds)
    {
        Assert.True(Durations.TryParse(text, out var duration));
        Assert.Equal(TimeSpan.FromSeconds(seconds), duration);
    }

    [Theory]
    [InlineData("")]
    [InlineData(null)]
    [InlineData("90")]
    [InlineData("m")]
    [InlineData("0m")]
    [InlineData("-5m")]
    [InlineData("1.5h")]
    [InlineData("1y")]
    [InlineData("1h 30m")]
    [InlineData("yesterday")]
    [InlineData("3651d")]
    [InlineData("99999999999999999999d")]
    public void Anything_else_is_not_a_duration(string? text)
    {
        Assert.False(Durations.TryParse(text, out _));
    }

    [Theory]
    [InlineData("90m", "1h30m")]
    [InlineData("2d", "2d")]
    [InlineData("45s", "45s")]
    [InlineData("1d1h1m1s", "1d1h1m1s")]
    public void A_duration_is_shown_the_way_it_is_typed(string text, string shown)
    {
        Assert.True(Durations.TryParse(text, out var duration));
        Assert.Equal(shown, Durations.Format(duration));
    }
}
