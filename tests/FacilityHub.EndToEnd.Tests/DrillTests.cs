using FacilityHub.Auth;
using FacilityHub.FleetSimulator.Drills;
using FacilityHub.FleetSimulator.Publishing;
using FacilityHub.FleetSimulator.Topology;

namespace FacilityHub.EndToEnd.Tests;

/// <summary>A fault drill through the fleet simulator against the real hub: the simulator publishes, injects, then reads
/// the hub's alarms and work orders over gRPC and scores them.</summary>
[Collection(HubCollection.Name)]
public sealed class DrillTests(HubFixture hub)
{
    private const string Scenario = """
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
        """;

    [Fact]
    public async Task A_burst_pipe_and_a_panic_button_drill_meets_its_expectations_on_the_score_card()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var scenario = ScenarioFile.Parse(Scenario);
        var topology = await FleetTopology.LoadAsync(TestTopology.WriteFleet(hub.Servers.DataDir, "t-drill-pump", "t-drill-alarm"), cts.Token);
        var log = new List<string>();
        await using var publisher = new MqttFleetPublisher("127.0.0.1", hub.Servers.MqttPort, "e2e-drill-fleet", line => { lock (log) log.Add(line); });
        await publisher.ConnectAsync(cts.Token);
        var drill = new DrillRunner(scenario, topology, scenario.Seed!.Value, TimeSpan.FromSeconds(scenario.IntervalS!.Value), publisher,
            new GrpcDrillHub(hub.As(HubRoles.Operator, "e2e-drill")), line => { lock (log) log.Add(line); }, TimeProvider.System);

        var card = await drill.RunAsync(cts.Token);

        Assert.True(card.Passed, card.Format());
        Assert.Equal(2, card.Faults.Count);
        Assert.All(card.Faults, f => Assert.NotNull(f.WorkOrder?.SentAt));
        Assert.Empty(card.FalseAlarms);
        Assert.Empty(card.DuplicateWorkOrders);
        // What the dispatch system itself received: one order each.
        Assert.Single(hub.Dispatch!.Orders, o => o.Order.EquipmentId == "t-drill-pump");
        Assert.Single(hub.Dispatch!.Orders, o => o.Order.EquipmentId == "t-drill-alarm");
    }
}
