using System.Diagnostics;
using Xunit.Abstractions;
using FacilityHub.Auth;
using FacilityHub.Api.V1;
using FacilityHub.Testing;
using FacilityHub.FleetSimulator.Drills;
using FacilityHub.FleetSimulator.Publishing;
using FacilityHub.FleetSimulator.Topology;

namespace FacilityHub.EndToEnd.Tests;

/// <summary>Fault drills through the fleet simulator against the real hub: the simulator publishes, injects, then reads
/// the hub's alarms, work orders and ingestion counters over gRPC and scores them. One drill per fault family, several
/// families sharing a run on different items of the test building (whose rules have short delays).</summary>
[Collection(HubCollection.Name)]
public sealed class DrillTests(HubFixture hub, ITestOutputHelper output)
{
    // tests/X/bin/<Configuration>/net10.0/ → simulators/FacilityHub.FleetSimulator/bin/<Configuration>/net10.0/: the simulator
    // runs from its own build output, with its own dependencies, as `dotnet run` or CI would run it.
    private static string SimulatorDll()
    {
        var bin = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var root = bin;
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "FacilityHub.sln"))) root = root.Parent;
        if (root is null) throw new InvalidOperationException("FacilityHub.sln not found above " + bin.FullName);
        return Path.Combine(root.FullName, "simulators", "FacilityHub.FleetSimulator", "bin", bin.Parent!.Name, bin.Name, "FacilityHub.FleetSimulator.dll");
    }

    private async Task<(ScoreCard Card, string Log)> DrillAsync(string json, params string[] devices)
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var scenario = ScenarioFile.Parse(json);
        var topology = await FleetTopology.LoadAsync(TestTopology.WriteFleet(hub.Servers.DataDir, devices), cts.Token);
        var log = new List<string>();
        await using var publisher = new MqttFleetPublisher("127.0.0.1", hub.Servers.MqttPort, $"e2e-drill-{Guid.NewGuid():N}", line => { lock (log) log.Add(line); });
        await publisher.ConnectAsync(cts.Token);
        var drill = new DrillRunner(scenario, topology, scenario.Seed!.Value, TimeSpan.FromSeconds(scenario.IntervalS!.Value), publisher,
            new GrpcDrillHub(hub.As(HubRoles.Operator, "e2e-drill")), line => { lock (log) log.Add(line); }, TimeProvider.System);

        var card = await drill.RunAsync(cts.Token);
        output.WriteLine(card.Format());
        lock (log) return (card, card.Format() + "\n" + string.Join("\n", log));
    }

    [Fact]
    public async Task A_burst_pipe_and_a_panic_button_drill_meets_its_expectations_on_the_score_card()
    {
        var (card, log) = await DrillAsync("""
            {
              "name": "e2e burst pipe and panic",
              "seed": 42, "interval_s": 0.5, "duration_s": 4,
              "faults": [
                { "fault": "burst_pipe", "equipment": "t-drill-pump", "at_s": 1,
                  "expect": { "alarm": "pressure_collapse", "within_s": 3, "work_order": true, "dispatched_within_s": 4 } },
                { "fault": "panic", "equipment": "t-drill-alarm", "at_s": 1.5,
                  "expect": { "alarm": "zone_tripped", "within_s": 2, "work_order": true, "dispatched_within_s": 3 } }
              ],
              "expect": { "no_false_alarms": true, "no_duplicate_work_orders": true, "settle_s": 5 }
            }
            """, "t-drill-pump", "t-drill-alarm");

        Assert.True(card.Passed, log);
        Assert.Equal(2, card.Faults.Count);
        Assert.All(card.Faults, f => Assert.NotNull(f.WorkOrder?.SentAt));
        Assert.Empty(card.FalseAlarms);
        Assert.Empty(card.DuplicateWorkOrders);
        // What the dispatch system itself received: one order each.
        Assert.Single(hub.Dispatch!.Orders, o => o.Order.EquipmentId == "t-drill-pump");
        Assert.Single(hub.Dispatch!.Orders, o => o.Order.EquipmentId == "t-drill-alarm");
    }

    [Fact]
    public async Task Cavitation_a_stuck_sensor_and_arming_are_detected_while_a_noisy_sensor_and_a_disarmed_intrusion_stay_quiet()
    {
        var (card, log) = await DrillAsync("""
            {
              "name": "e2e sensor, hydraulic and arming faults",
              "seed": 3, "interval_s": 0.25, "duration_s": 6,
              "faults": [
                { "fault": "cavitation", "equipment": "t-drill-cavitation", "at_s": 0.5,
                  "expect": { "alarm": "cavitation", "within_s": 4, "work_order": true, "dispatched_within_s": 5 } },
                { "fault": "stuck_sensor", "equipment": "t-drill-stuck", "at_s": 0.5,
                  "expect": { "alarm": "pressure_sensor_stuck", "within_s": 4, "work_order": true, "dispatched_within_s": 5 } },
                { "fault": "noisy_sensor", "equipment": "t-drill-noisy", "at_s": 0.5, "expect": { "max_alarms": 1 } },
                { "fault": "arm", "equipment": "t-drill-armed", "at_s": 0.5 },
                { "fault": "intrusion", "equipment": "t-drill-armed", "at_s": 1.5, "clear_after_s": 2,
                  "expect": { "alarm": "zone_tripped", "within_s": 2, "work_order": true, "dispatched_within_s": 3 } },
                { "fault": "disarm", "equipment": "t-drill-disarmed", "at_s": 0.5 },
                { "fault": "intrusion", "equipment": "t-drill-disarmed", "at_s": 1.5, "clear_after_s": 2, "expect": { "no_alarm": true } }
              ],
              "expect": { "settle_s": 5 }
            }
            """, "t-drill-cavitation", "t-drill-stuck", "t-drill-noisy", "t-drill-armed", "t-drill-disarmed");

        Assert.True(card.Passed, log);
        Assert.Equal(0, card.Faults.Single(f => f.Fault.Fault == "intrusion" && f.Fault.Equipment == "t-drill-disarmed").AlarmsSince);
        Assert.Single(hub.Dispatch!.Orders, o => o.Order.EquipmentId == "t-drill-armed");
        Assert.DoesNotContain(hub.Dispatch!.Orders, o => o.Order.EquipmentId == "t-drill-disarmed");
        Assert.Empty(card.FalseAlarms);
    }

    [Fact]
    public async Task Malformed_oversized_duplicate_and_out_of_order_messages_are_rejected_and_counted_and_no_good_one_is_lost()
    {
        var (card, log) = await DrillAsync("""
            {
              "name": "e2e message faults",
              "seed": 8, "interval_s": 0.25, "duration_s": 4,
              "faults": [
                { "fault": "malformed_payloads", "equipment": "t-drill-malformed", "at_s": 0.5, "expect": { "no_alarm": true } },
                { "fault": "oversized_payloads", "equipment": "t-drill-oversized", "at_s": 0.5, "expect": { "no_alarm": true } },
                { "fault": "duplicate_messages", "equipment": "t-drill-dupes", "at_s": 0.5, "expect": { "no_alarm": true } },
                { "fault": "out_of_order", "equipment": "t-drill-late", "at_s": 0.5, "clear_after_s": 3, "expect": { "no_alarm": true } }
              ],
              "expect": { "rejected_at_least": { "malformed_json": 10, "oversized": 10, "duplicate": 10 }, "no_message_lost": true, "settle_s": 5 }
            }
            """, "t-drill-malformed", "t-drill-oversized", "t-drill-dupes", "t-drill-late");

        Assert.True(card.Passed, log);
        var ingestion = card.Ingestion!;
        Assert.Equal(ingestion.GoodSent, ingestion.Hub.Accepted); // nothing else publishes while the collection runs this test
        foreach (var (reason, sent) in ingestion.BadSent)
        {
            Assert.True(ingestion.Hub.Rejected.GetValueOrDefault(reason) >= sent, $"{reason}: sent {sent}\n{log}");
        }
    }

    [Fact]
    public async Task Missed_water_changes_in_a_meal_period_the_dishwasher_ran_in_are_a_quality_finding_without_a_work_order()
    {
        var (card, log) = await DrillAsync($$"""
            {
              "name": "e2e missed water changes",
              "seed": 5, "interval_s": 0.5, "duration_s": {{2 * TestTopology.DrillMealPeriod.TotalSeconds + 3}},
              "faults": [
                { "fault": "missed_water_changes", "equipment": "t-drill-dishwasher", "at_s": 1,
                  "expect": { "alarm": "water_changes", "within_s": {{2 * TestTopology.DrillMealPeriod.TotalSeconds + 1}}, "work_order": false } }
              ],
              "expect": { "settle_s": 5 }
            }
            """, "t-drill-dishwasher");

        Assert.True(card.Passed, log);
        Assert.DoesNotContain(hub.Dispatch!.Orders, o => o.Order.EquipmentId == "t-drill-dishwasher");
        // The quality department sees the missed meal period as a kitchen-hygiene nonconformance waiting for its action.
        var quality = new QualityService.QualityServiceClient(hub.As(HubRoles.Quality, "quinn"));
        var finding = await Eventually.UntilAsync(async () =>
                (await quality.ListNonconformancesAsync(new ListNonconformancesRequest { SiteId = "riverside", Category = "kitchen hygiene", PageSize = 500 }))
                .Nonconformances.FirstOrDefault(n => n.Source.StartsWith("compliance t-drill-dishwasher/water_changes/", StringComparison.Ordinal)),
            TimeSpan.FromSeconds(10), "a nonconformance from the missed water changes");
        Assert.Equal((NonconformanceState.Open, TestTopology.Building), (finding.State, finding.BuildingId));
    }

    [Fact]
    public async Task A_pump_that_falls_silent_re_trips_its_unacknowledged_offline_alarm_without_a_work_order_and_clears_when_it_talks_again()
    {
        // t-drill-quiet is offline after 2 s without a message, and has sent none since the hub started: its offline alarm
        // is up and nobody acknowledged it, as happens in a real estate. The drill's first messages clear it; the silence
        // brings the same occurrence back (ISA-18.2), which the score card must count as the fault's detection.
        var operatorView = new AlarmService.AlarmServiceClient(hub.As(HubRoles.Operator, "e2e-drill"));
        var before = await Eventually.UntilAsync(async () => (await operatorView.ListAlarmsAsync(new ListAlarmsRequest { EquipmentId = "t-drill-quiet" })).Alarms
            .SingleOrDefault(a => a.RuleId == "offline" && a.State == AlarmState.ActiveUnacknowledged), TimeSpan.FromSeconds(10), "the silent pump's offline alarm since the start");

        // It talks for 1 s, sends nothing for 4 s, then talks again.
        var (card, log) = await DrillAsync("""
            {
              "name": "e2e device silent",
              "seed": 9, "interval_s": 0.5, "duration_s": 7,
              "faults": [
                { "fault": "device_silent", "equipment": "t-drill-quiet", "at_s": 1, "clear_after_s": 4,
                  "expect": { "alarm": "offline", "within_s": 4, "work_order": false } }
              ],
              "expect": { "no_false_alarms": true, "settle_s": 3 }
            }
            """, "t-drill-quiet");

        Assert.True(card.Passed, log);
        var fault = Assert.Single(card.Faults);
        Assert.Equal(before.AlarmId, fault.Alarm!.AlarmId);
        // 2 s after the pump's last message, which went out an interval (0.5 s) or so before the fault began: not at once
        // (the bound leaves room for a publisher held up on a busy machine).
        Assert.InRange(fault.DetectionDelay!.Value, TimeSpan.FromSeconds(0.5), TimeSpan.FromSeconds(4));
        Assert.DoesNotContain(hub.Dispatch!.Orders, o => o.Order.EquipmentId == "t-drill-quiet");
        // Its messages after the fault ended cleared the condition: an operator sees it back online.
        await Eventually.UntilAsync(async () => !(await operatorView.GetAlarmAsync(new GetAlarmRequest { AlarmId = fault.Alarm!.AlarmId })).ConditionActive,
            TimeSpan.FromSeconds(10), "the pump's messages after the silence clear its offline condition");
    }

    [Fact]
    public async Task Dishwasher_faults_between_meals_run_the_machine_so_the_hub_sees_them_while_an_idle_machine_stays_quiet()
    {
        // Every t-drill-washer-* has its one meal hour hours away: the simulator keeps them idle (conveyor stopped, tanks
        // cooling), and each fault has the kitchen run its machine for as long as it lasts.
        var (card, log) = await DrillAsync("""
            {
              "name": "e2e dishwasher faults between meals",
              "seed": 12, "interval_s": 0.25, "duration_s": 5,
              "faults": [
                { "fault": "wash_heater_failure", "equipment": "t-drill-washer-heat", "at_s": 1, "clear_after_s": 3,
                  "expect": { "alarm": "wash_temp_low", "within_s": 2, "work_order": false } },
                { "fault": "rinse_too_cold", "equipment": "t-drill-washer-rinse", "at_s": 1, "clear_after_s": 3,
                  "expect": { "alarm": "rinse_temp_low", "within_s": 3, "work_order": true, "dispatched_within_s": 4 } },
                { "fault": "abnormal_noise", "equipment": "t-drill-washer-noise", "at_s": 1,
                  "expect": { "alarm": "abnormal_noise", "within_s": 2, "work_order": true, "dispatched_within_s": 3 } }
              ],
              "expect": { "no_false_alarms": true, "settle_s": 5 }
            }
            """, "t-drill-washer-heat", "t-drill-washer-rinse", "t-drill-washer-noise", "t-drill-washer-idle");

        Assert.True(card.Passed, log);
        Assert.Empty(card.FalseAlarms);
        // Each machine raised the alarm of its own fault and no other (a cold tank on a running conveyor would be one).
        var operatorView = new AlarmService.AlarmServiceClient(hub.As(HubRoles.Operator, "e2e-drill"));
        var alarms = (await operatorView.ListAlarmsAsync(new ListAlarmsRequest { BuildingId = TestTopology.Building, PageSize = 1000 })).Alarms
            .Where(a => a.EquipmentId.StartsWith("t-drill-washer-", StringComparison.Ordinal)).Select(a => $"{a.EquipmentId}/{a.RuleId}").Order().ToList();
        Assert.Equal(["t-drill-washer-heat/wash_temp_low", "t-drill-washer-noise/abnormal_noise", "t-drill-washer-rinse/rinse_temp_low"], alarms);
        Assert.DoesNotContain(hub.Dispatch!.Orders, o => o.Order.EquipmentId == "t-drill-washer-idle");
        // What an operator reads on the machine without a fault: stopped, tanks below service temperature.
        var idle = await hub.Assets.GetEquipmentAsync(new GetEquipmentRequest { EquipmentId = "t-drill-washer-idle" });
        Assert.Equal(0, idle.Readings.Single(r => r.Metric == "conveyor_running").Value);
        Assert.True(idle.Readings.Single(r => r.Metric == "wash_temp_c").Value < 60, idle.ToString());
    }

    [Fact]
    public async Task A_drill_whose_expectation_the_hub_does_not_meet_fails_its_score_card_and_the_simulator_exits_with_3()
    {
        // A noisy vibration probe is not bearing damage: expecting zone D is wrong, so the drill must fail.
        var scenario = Path.Combine(hub.Servers.DataDir, "wrong-expectation.json");
        await File.WriteAllTextAsync(scenario, """
            {
              "name": "e2e wrong expectation",
              "seed": 1, "interval_s": 0.5, "duration_s": 2,
              "faults": [ { "fault": "noisy_sensor", "equipment": "t-drill-wrong", "at_s": 0.5, "expect": { "alarm": "vibration_zone_d", "within_s": 1 } } ],
              "expect": { "settle_s": 1 }
            }
            """);
        var fleet = TestTopology.WriteFleet(hub.Servers.DataDir, "t-drill-wrong");
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            Environment = { ["FHUB_SIGNING_KEY"] = hub.SigningKeyText },
        };
        foreach (var arg in new[]
                 {
                     SimulatorDll(), "--mqtt-port", hub.Servers.MqttPort.ToString(),
                     "--topology", fleet, "--scenario", scenario, "--score", "--hub", hub.HubUrl,
                 })
        {
            info.ArgumentList.Add(arg);
        }

        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(cts.Token);
        var output = await stdout + await stderr;

        Assert.True(process.ExitCode == 3, $"exit code {process.ExitCode}\n{output}");
        Assert.Contains("noisy_sensor@t-drill-wrong: missed: no 'vibration_zone_d' alarm", output, StringComparison.Ordinal);
        Assert.Contains("FAILED", output, StringComparison.Ordinal);
    }
}
