using FacilityHub.FleetSimulator.Drills;

namespace FacilityHub.Simulators.Tests;

public sealed class DrillScorerTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 25, 10, 0, 0, TimeSpan.Zero);
    private static readonly HashSet<string> Devices = ["pump-1", "pump-2", "alarm-1"];

    private static readonly ScenarioFault Burst = new("burst_pipe", "pump-1", 2, Expect: new FaultExpectation("pressure_collapse", 5, true, 8));
    private static readonly ScenarioFault Battery = new("low_battery", "alarm-1", 3, Expect: new FaultExpectation("battery_low", 15, false));

    private static Scenario Drill(params ScenarioFault[] faults) => new("drill", 20, faults);

    private static DateTimeOffset At(double seconds) => Start.AddSeconds(seconds);

    [Fact]
    public void Scores_detection_and_dispatch_delays_from_the_injection()
    {
        DrillAlarm alarm = new("pump-1/pressure_collapse/1", "pump-1", "pressure_collapse", At(3.5));
        DrillWorkOrder order = new("pump-1/pressure_collapse/1", alarm.AlarmId, "pump-1", At(3.6), At(3.75));

        var card = DrillScorer.Score(Drill(Burst), [new(Burst, At(2))], Devices, Start, [alarm], [order]);

        Assert.True(card.Passed, card.Format());
        var score = Assert.Single(card.Faults);
        Assert.Equal(TimeSpan.FromSeconds(1.5), score.DetectionDelay);
        Assert.Equal(TimeSpan.FromSeconds(1.75), score.DispatchDelay);
        Assert.Equal(0, card.MissedFaults);
        Assert.Contains("after 1.500 s", card.Format(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_late_alarm_a_missing_order_or_an_order_never_sent_fails()
    {
        DrillAlarm late = new("a1", "pump-1", "pressure_collapse", At(9));
        Assert.Contains(DrillScorer.Score(Drill(Burst), [new(Burst, At(2))], Devices, Start, [late], []).Failures, f => f.Contains("expected within 5 s", StringComparison.Ordinal));

        DrillAlarm alarm = new("a1", "pump-1", "pressure_collapse", At(3));
        Assert.Contains("no work order", Assert.Single(DrillScorer.Score(Drill(Burst), [new(Burst, At(2))], Devices, Start, [alarm], []).Failures), StringComparison.Ordinal);

        var unsent = DrillScorer.Score(Drill(Burst), [new(Burst, At(2))], Devices, Start, [alarm], [new("w1", "a1", "pump-1", At(3), null)]);
        Assert.Contains("never reached the dispatch system", Assert.Single(unsent.Failures), StringComparison.Ordinal);
    }

    [Fact]
    public void An_unacknowledged_alarm_from_before_the_drill_that_comes_back_is_a_detection_but_its_old_order_is_not_the_faults()
    {
        // The pump's burst-pipe alarm of an earlier day, never acknowledged: its order was made then, not for this fault.
        DrillAlarm raisedLongAgo = new("pump-1/pressure_collapse/1", "pump-1", "pressure_collapse", Start.AddDays(-1));
        DrillAlarm cameBack = raisedLongAgo with { RaisedAt = At(3), Returned = true };
        DrillWorkOrder oldOrder = new("pump-1/pressure_collapse/1", raisedLongAgo.AlarmId, "pump-1", Start.AddDays(-1), Start.AddDays(-1));

        var card = DrillScorer.Score(Drill(Burst), [new(Burst, At(2))], Devices, Start, [raisedLongAgo, cameBack], [oldOrder]);

        var score = Assert.Single(card.Faults);
        Assert.Equal(TimeSpan.FromSeconds(1), score.DetectionDelay);
        Assert.Null(score.WorkOrder);
        Assert.Contains("never acknowledged", Assert.Single(card.Failures), StringComparison.Ordinal);

        // Where no order is expected (an offline alarm), the return alone passes.
        ScenarioFault silent = new("device_silent", "pump-1", 2, Expect: new FaultExpectation("offline", 5, false));
        DrillAlarm offline = new("pump-1/offline/1", "pump-1", "offline", At(4), Returned: true);
        Assert.True(DrillScorer.Score(Drill(silent), [new(silent, At(2))], Devices, Start, [offline], []).Passed);
    }

    [Fact]
    public void An_alarm_of_another_rule_or_from_before_the_injection_is_a_missed_fault()
    {
        DrillAlarm otherRule = new("a1", "pump-1", "pressure_falling_fast", At(3));
        DrillAlarm before = new("a2", "pump-1", "pressure_collapse", At(0.5));

        var card = DrillScorer.Score(Drill(Burst), [new(Burst, At(2))], Devices, Start, [otherRule, before], []);

        Assert.False(card.Passed);
        Assert.Equal(1, card.MissedFaults);
        Assert.Empty(card.FalseAlarms);
    }

    [Fact]
    public void Alarms_on_devices_without_a_fault_are_false_except_offline_at_the_start_and_alarms_before_the_run()
    {
        DrillAlarm falseAlarm = new("b1", "pump-2", "dry_run", At(4));
        DrillAlarm offlineAtStart = new("b2", "pump-2", "offline", At(1));
        DrillAlarm earlier = new("b3", "pump-2", "motor_hot", At(-60));
        DrillAlarm notSimulated = new("b4", "pump-9", "dry_run", At(4));
        DrillAlarm battery = new("c1", "alarm-1", "battery_low", At(5));

        var card = DrillScorer.Score(Drill(Battery), [new(Battery, At(3))], Devices, Start, [falseAlarm, offlineAtStart, earlier, notSimulated, battery], []);

        Assert.Equal("b1", Assert.Single(card.FalseAlarms).AlarmId);
        Assert.Contains("1 false alarm(s): pump-2/dry_run", Assert.Single(card.Failures), StringComparison.Ordinal);
        Assert.False(DrillScorer.Score(Drill(Battery) with { Expect = new DrillExpectations(NoFalseAlarms: false) }, [new(Battery, At(3))], Devices, Start, [falseAlarm, battery], []).Failures.Count > 0);
    }

    [Fact]
    public void Two_orders_for_one_alarm_are_duplicates_and_an_order_where_none_was_expected_fails()
    {
        DrillAlarm alarm = new("a1", "pump-1", "pressure_collapse", At(3));
        DrillWorkOrder first = new("w1", "a1", "pump-1", At(3), At(3.1));
        DrillWorkOrder second = new("w2", "a1", "pump-1", At(3.2), At(3.3));
        var duplicates = DrillScorer.Score(Drill(Burst), [new(Burst, At(2))], Devices, Start, [alarm], [first, second]);
        Assert.Equal("a1: w1, w2", Assert.Single(duplicates.DuplicateWorkOrders));
        Assert.False(duplicates.Passed);

        DrillAlarm battery = new("c1", "alarm-1", "battery_low", At(5));
        var unwanted = DrillScorer.Score(Drill(Battery), [new(Battery, At(3))], Devices, Start, [battery], [new("w3", "c1", "alarm-1", At(5), At(5.1))]);
        Assert.Contains("none expected", Assert.Single(unwanted.Failures), StringComparison.Ordinal);
    }

    [Fact]
    public void A_fault_the_run_never_reached_fails()
    {
        var card = DrillScorer.Score(Drill(Burst), [new(Burst, null)], Devices, Start, [], []);

        Assert.Contains("never injected", Assert.Single(card.Failures), StringComparison.Ordinal);
        Assert.Contains("FAILED", card.Format(), StringComparison.Ordinal);
    }

    [Fact]
    public void An_intrusion_while_disarmed_must_raise_nothing_and_an_alarm_there_is_also_a_false_alarm()
    {
        ScenarioFault quiet = new("intrusion", "alarm-1", 2, Expect: new FaultExpectation(NoAlarm: true));

        var passed = DrillScorer.Score(Drill(quiet), [new(quiet, At(2))], Devices, Start, [], []);
        var failed = DrillScorer.Score(Drill(quiet), [new(quiet, At(2))], Devices, Start, [new("alarm-1/zone_tripped/1", "alarm-1", "zone_tripped", At(2.2))], []);

        Assert.True(passed.Passed, passed.Format());
        Assert.Contains("no alarm expected, 0 raised", passed.Format(), StringComparison.Ordinal);
        Assert.Contains(failed.Failures, f => f.Contains("1 alarm(s) raised, none expected: alarm-1/zone_tripped/1", StringComparison.Ordinal));
        Assert.Single(failed.FalseAlarms);
    }

    [Fact]
    public void A_noisy_sensor_may_raise_one_alarm_but_a_second_occurrence_is_chattering()
    {
        ScenarioFault noisy = new("noisy_sensor", "pump-1", 1, Expect: new FaultExpectation(MaxAlarms: 1));
        DrillAlarm first = new("pump-1/vibration_zone_c/1", "pump-1", "vibration_zone_c", At(3));
        DrillAlarm second = new("pump-1/vibration_zone_c/2", "pump-1", "vibration_zone_c", At(5));

        Assert.True(DrillScorer.Score(Drill(noisy), [new(noisy, At(1))], Devices, Start, [], []).Passed);
        Assert.True(DrillScorer.Score(Drill(noisy), [new(noisy, At(1))], Devices, Start, [first], []).Passed);
        var chatter = DrillScorer.Score(Drill(noisy), [new(noisy, At(1))], Devices, Start, [first, second], []);

        Assert.Contains("2 alarm(s) raised, at most 1 expected (chattering)", Assert.Single(chatter.Failures), StringComparison.Ordinal);
        Assert.Equal(0, chatter.MissedFaults);
    }

    [Fact]
    public void Message_faults_are_scored_on_the_hubs_rejections_and_on_every_good_message_being_accepted()
    {
        ScenarioFault spoilt = new("malformed_payloads", "pump-2", 1, Expect: new FaultExpectation(NoAlarm: true));
        var drill = Drill(spoilt) with { Expect = new DrillExpectations(RejectedAtLeast: new Dictionary<string, long> { ["malformed_json"] = 5 }, NoMessageLost: true) };
        var sent = new Dictionary<string, long> { ["malformed_json"] = 6 };
        IngestionScore Hub(long accepted, long rejected) => new(40, sent, 0, new DrillIngestionStats(accepted, new Dictionary<string, long> { ["malformed_json"] = rejected }));

        var kept = DrillScorer.Score(drill, [new(spoilt, At(1))], Devices, Start, [], [], Hub(40, 6));
        var lost = DrillScorer.Score(drill, [new(spoilt, At(1))], Devices, Start, [], [], Hub(38, 6));
        var notCounted = DrillScorer.Score(drill, [new(spoilt, At(1))], Devices, Start, [], [], Hub(40, 2));

        Assert.True(kept.Passed, kept.Format());
        Assert.Contains("sent: 40 good, spoilt: malformed_json 6; hub accepted 40, rejected: malformed_json 6", kept.Format(), StringComparison.Ordinal);
        Assert.Contains("2 lost", Assert.Single(lost.Failures), StringComparison.Ordinal);
        Assert.Contains("rejected 2 message(s) as 'malformed_json', expected at least 5", Assert.Single(notCounted.Failures), StringComparison.Ordinal);
    }

    [Fact]
    public void Ingestion_expectations_fail_when_the_hubs_stats_could_not_be_read()
    {
        var drill = Drill(Burst) with { Expect = new DrillExpectations(NoMessageLost: true) };
        DrillAlarm alarm = new("a1", "pump-1", "pressure_collapse", At(3));
        DrillWorkOrder order = new("w1", "a1", "pump-1", At(3), At(3.1));

        var card = DrillScorer.Score(drill, [new(Burst, At(2))], Devices, Start, [alarm], [order], ingestion: null);

        Assert.Contains("could not be read", Assert.Single(card.Failures), StringComparison.Ordinal);
        Assert.True(DrillScorer.Score(Drill(Burst), [new(Burst, At(2))], Devices, Start, [alarm], [order], ingestion: null).Passed);
    }
}
