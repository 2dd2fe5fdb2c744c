using FacilityHub.Api.V1;
using FacilityHub.Cli.CommandLine;
using DispatchPriority = FacilityHub.Dispatch.V1.WorkOrderPriority;

namespace FacilityHub.Cli.Tests;

public sealed class NameMapTests
{
    [Theory]
    [InlineData("emergency", AlarmPriority.Emergency)]
    [InlineData("high", AlarmPriority.High)]
    [InlineData("Medium", AlarmPriority.Medium)]
    [InlineData("LOW", AlarmPriority.Low)]
    public void Priorities_are_read_whatever_their_case(string text, AlarmPriority expected)
    {
        Assert.True(CliNames.AlarmPriorities.TryParse(text, out var priority));
        Assert.Equal(expected, priority);
    }

    [Theory]
    [InlineData("en_route", WorkOrderStatus.EnRoute)]
    [InlineData("en-route", WorkOrderStatus.EnRoute)]
    [InlineData("on_site", WorkOrderStatus.OnSite)]
    [InlineData("raised", WorkOrderStatus.Raised)]
    [InlineData("cancelled", WorkOrderStatus.Cancelled)]
    public void Statuses_are_read_with_underscores_or_dashes(string text, WorkOrderStatus expected)
    {
        Assert.True(CliNames.WorkOrderStatuses.TryParse(text, out var status));
        Assert.Equal(expected, status);
    }

    [Theory]
    [InlineData("urgent")]
    [InlineData("")]
    [InlineData("unspecified")]
    [InlineData("1")]
    [InlineData("ALARM_PRIORITY_HIGH")]
    public void Unknown_priorities_are_refused(string text)
    {
        Assert.False(CliNames.AlarmPriorities.TryParse(text, out _));
    }

    [Fact]
    public void Values_are_shown_by_their_command_line_names()
    {
        Assert.Equal("en_route", CliNames.WorkOrderStatuses.NameOf(WorkOrderStatus.EnRoute));
        Assert.Equal("rtn_unack", CliNames.AlarmStates.NameOf(AlarmState.ReturnedUnacknowledged));
        Assert.Equal("major", CliNames.WorkOrderPriorities.NameOf(DispatchPriority.Major));
    }

    [Fact]
    public void A_value_from_a_newer_hub_is_shown_by_its_number()
    {
        Assert.Equal("unknown(9)", CliNames.AlarmPriorities.NameOf((AlarmPriority)9));
        Assert.Equal("unspecified", CliNames.AlarmPriorities.NameOf(AlarmPriority.Unspecified));
    }
}
