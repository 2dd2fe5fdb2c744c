using FacilityHub.FleetSimulator.Drills;
using FacilityHub.FleetSimulator.Topology;

namespace FacilityHub.Simulators.Tests;

public sealed class ScenarioFileTests
{
    private static FleetTopology Topology() => FleetTopology.LoadAsync(RepoFiles.Topology, CancellationToken.None).GetAwaiter().GetResult();

    public static TheoryData<string> Examples() => new(Directory.GetFiles(RepoFiles.Folder(Path.Combine("simulators", "scenarios")), "*.json").Select(Path.GetFileName)!);

    [Theory]
    [MemberData(nameof(Examples))]
    public async Task Every_example_scenario_fits_the_sample_topology(string file)
    {
        var scenario = await ScenarioFile.LoadAsync(Path.Combine(RepoFiles.Folder(Path.Combine("simulators", "scenarios")), file), CancellationToken.None);

        var plan = ScenarioFile.Plan(scenario, Topology());

        Assert.Equal(scenario.Faults.Count, plan.Transitions.Count(t => t.Starts));
        // Every fault says what the hub should do; arming and disarming are the resident's actions before one.
        Assert.All(scenario.Faults.Where(f => f.Fault is not ("arm" or "disarm")),
            f => Assert.True(f.Expect is { Alarm: not null } or { NoAlarm: true } or { MaxAlarms: not null }, $"{f.Fault}@{f.Equipment} expects nothing"));
    }

    [Fact]
    public void Reads_comments_snake_case_defaults_and_per_fault_clears()
    {
        var scenario = ScenarioFile.Parse("""
            {
              // a drill
              "name": "x", "seed": 5, "duration_s": 20,
              "faults": [ { "fault": "burst_pipe", "equipment": "rs-b1-pump-1", "at_s": 2, "clear_after_s": 5,
                            "expect": { "alarm": "pressure_collapse", "work_order": true } }, ],
            }
            """);

        Assert.Equal(5, scenario.Seed);
        Assert.True(scenario.Expectations.NoFalseAlarms);
        Assert.Equal(10, scenario.Faults[0].Expect!.WithinS);
        var plan = ScenarioFile.Plan(scenario, Topology());
        Assert.Equal([TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(7)], plan.Transitions.Select(t => t.At));
    }

    [Fact]
    public void Reads_the_expectations_of_quiet_faults_and_of_the_hubs_ingestion()
    {
        var scenario = ScenarioFile.Parse("""
            { "name": "x", "duration_s": 20,
              "faults": [ { "fault": "disarm", "equipment": "rs-b1-alarm-0301", "at_s": 1 },
                          { "fault": "intrusion", "equipment": "rs-b1-alarm-0301", "at_s": 2, "expect": { "no_alarm": true } },
                          { "fault": "noisy_sensor", "equipment": "rs-b1-pump-1", "at_s": 2, "expect": { "alarm": "vibration_zone_c", "max_alarms": 1 } } ],
              "expect": { "rejected_at_least": { "oversized": 3, "duplicate": 4 }, "no_message_lost": true } }
            """);

        Assert.True(scenario.Faults[1].Expect!.NoAlarm);
        Assert.Equal(1, scenario.Faults[2].Expect!.MaxAlarms);
        Assert.Equal(4, scenario.Expectations.RejectedAtLeast!["duplicate"]);
        Assert.True(scenario.Expectations.NoMessageLost);
        Assert.Equal(3, ScenarioFile.Plan(scenario, Topology()).Transitions.Count);
    }

    [Theory]
    [InlineData("""{ "name": "x", "duration_s": 10, "faults": [ { "fault": "burst_pipe", "equipment": "p", "at_s": 1, "expct": {} } ] }""", "expct")]
    [InlineData("""{ "name": "x", "duration_s": 10, "faults": [] }""", "no fault")]
    [InlineData("""{ "name": "x", "duration_s": 10, "faults": [ { "fault": "burst_pipe", "equipment": "p", "at_s": 10 } ] }""", "before duration_s")]
    [InlineData("""{ "duration_s": 10, "faults": [ { "fault": "burst_pipe", "equipment": "p" } ] }""", "name")]
    [InlineData("""{ "name": "x", "duration_s": 10, "faults": [ { "fault": "burst_pipe", "equipment": "p", "expect": { "work_order": true } } ] }""", "needs the 'alarm'")]
    [InlineData("""{ "name": "x", "duration_s": 10, "faults": [ { "fault": "intrusion", "equipment": "p", "expect": { "alarm": "zone_tripped", "no_alarm": true } } ] }""", "'no_alarm' does not mix")]
    [InlineData("""{ "name": "x", "duration_s": 10, "faults": [ { "fault": "noisy_sensor", "equipment": "p", "expect": { "max_alarms": -1 } } ] }""", "'max_alarms' must be 0 or more")]
    [InlineData("""{ "name": "x", "duration_s": 10, "faults": [ { "fault": "burst_pipe", "equipment": "p" } ], "expect": { "rejected_at_least": { "oversized": -2 } } }""", "rejected_at_least['oversized']")]
    public void Refuses_invalid_scenarios_naming_the_problem(string json, string expected)
    {
        var ex = Assert.Throws<FormatException>(() => ScenarioFile.Parse(json));

        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
    }
}
