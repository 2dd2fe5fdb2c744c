using FacilityHub.FleetSimulator.Generation;
using FacilityHub.FleetSimulator.Topology;

namespace FacilityHub.Simulators.Tests;

public sealed class FaultPlanTests
{
    private static FleetTopology Topology() => FleetTopology.LoadAsync(RepoFiles.Topology, CancellationToken.None).GetAwaiter().GetResult();

    [Theory]
    [InlineData("burst_pipe@rs-b1-pump-1+20", "burst_pipe", "rs-b1-pump-1", 20)]
    [InlineData("smoke@rs-b1-alarm-0301+2.5", "smoke", "rs-b1-alarm-0301", 2.5)]
    [InlineData("dry_run@rs-b2-pump-1", "dry_run", "rs-b2-pump-1", 0)]
    public void Parses_injections(string text, string fault, string equipment, double seconds)
    {
        Assert.Equal(new FaultInjection(fault, equipment, TimeSpan.FromSeconds(seconds)), FaultInjection.Parse(text));
    }

    [Theory]
    [InlineData("burst_pipe")]
    [InlineData("@rs-b1-pump-1+20")]
    [InlineData("burst_pipe@+20")]
    [InlineData("burst_pipe@rs-b1-pump-1+soon")]
    [InlineData("burst_pipe@rs-b1-pump-1+-3")]
    public void Rejects_malformed_injections(string text)
    {
        Assert.Throws<FormatException>(() => FaultInjection.Parse(text));
    }

    [Theory]
    [InlineData("flood@rs-b1-pump-1+1", "unknown fault 'flood'")]
    [InlineData("burst_pipe@rs-b9-pump-7+1", "unknown equipment 'rs-b9-pump-7'")]
    [InlineData("burst_pipe@rs-club-dishwasher-1+1", "does not fit rs-club-dishwasher-1")]
    [InlineData("smoke@rs-b1-pump-1+1", "does not fit rs-b1-pump-1")]
    public void Rejects_unknown_faults_and_equipment_with_a_clear_message(string text, string expected)
    {
        var ex = Assert.Throws<ArgumentException>(() => FaultPlan.Create(Topology(), [FaultInjection.Parse(text)], null));

        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Lays_out_starts_and_clears_in_time_and_hands_them_out_once()
    {
        var plan = FaultPlan.Create(
            Topology(),
            [FaultInjection.Parse("burst_pipe@rs-b1-pump-1+20"), FaultInjection.Parse("smoke@rs-b1-alarm-0301+5")],
            TimeSpan.FromSeconds(30));

        Assert.Equal(TimeSpan.FromSeconds(5), plan.NextAt);
        Assert.Empty(plan.TakeDue(TimeSpan.FromSeconds(4)));
        var first = Assert.Single(plan.TakeDue(TimeSpan.FromSeconds(21)), t => t.Fault.Name == "smoke");
        Assert.True(first.Starts);
        Assert.Equal(TimeSpan.FromSeconds(35), plan.NextAt);
        var rest = plan.TakeDue(TimeSpan.FromSeconds(60));
        Assert.Equal([(false, "smoke"), (false, "burst_pipe")], rest.Select(t => (t.Starts, t.Fault.Name)));
        Assert.Null(plan.NextAt);
        Assert.Empty(plan.TakeDue(TimeSpan.FromSeconds(100)));
    }
}
