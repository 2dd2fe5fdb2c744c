using FacilityHub.FleetSimulator.Generation;
using FacilityHub.FleetSimulator.Publishing;
using FacilityHub.FleetSimulator.Topology;

namespace FacilityHub.FleetSimulator.Drills;

/// <summary>
/// Runs a scenario: the fleet publishes for the scenario's duration with its faults on their timeline, then the
/// hub's alarms, work orders and ingestion counters (against what the fleet sent) are read and scored, again every half second for up to <c>settle_s</c> while the
/// expectations are not met yet (the hub may still be working through the last messages).
/// </summary>
public sealed class DrillRunner(Scenario scenario, FleetTopology topology, int seed, TimeSpan interval, IFleetPublisher publisher, IDrillHub hub, Action<string> log, TimeProvider time)
{
    private static readonly TimeSpan PollEvery = TimeSpan.FromMilliseconds(500);

    /// <exception cref="ArgumentException">The scenario does not fit the topology.</exception>
    public async Task<ScoreCard> RunAsync(CancellationToken cancellationToken)
    {
        var plan = ScenarioFile.Plan(scenario, topology);
        var counting = new CountingPublisher(publisher);
        var runner = new FleetRunner(new FleetGenerator(topology, seed), plan, counting, interval, TimeSpan.FromSeconds(scenario.DurationS), log, time);
        var statsBefore = await hub.GetIngestionStatsAsync(cancellationToken).ConfigureAwait(false);
        var droppedBefore = publisher.Dropped;
        var start = time.GetUtcNow();
        await runner.RunAsync(cancellationToken).ConfigureAwait(false);
        await counting.DrainAsync(TimeSpan.FromSeconds(10)).ConfigureAwait(false);

        // Each scenario fault paired with its actual start, in file order (the same fault twice on a device pairs in time order).
        var started = runner.Injected.ToList();
        var injections = scenario.Faults.Select(f =>
        {
            var match = started.FirstOrDefault(i => i.EquipmentId == f.Equipment && i.Fault == f.Fault);
            if (match is not null) started.Remove(match);
            return new DrillInjection(f, match?.At);
        }).ToList();

        var devices = topology.Devices.Select(d => d.EquipmentId).ToHashSet(StringComparer.Ordinal);
        var sites = topology.Devices.Select(d => d.SiteId).Distinct(StringComparer.Ordinal).ToList();
        var settleUntil = time.GetUtcNow() + TimeSpan.FromSeconds(scenario.Expectations.SettleS);
        while (true)
        {
            var alarms = await hub.ListAlarmsAsync(sites, start, devices, cancellationToken).ConfigureAwait(false);
            var orders = await hub.ListWorkOrdersAsync(sites, cancellationToken).ConfigureAwait(false);
            var stats = await hub.GetIngestionStatsAsync(cancellationToken).ConfigureAwait(false);
            var ingestion = statsBefore is null || stats is null ? null : new IngestionScore(counting.Good, counting.Bad, publisher.Dropped - droppedBefore, stats.Since(statsBefore));
            var card = DrillScorer.Score(scenario, injections, devices, start, alarms, orders, ingestion);
            if (card.Passed || time.GetUtcNow() >= settleUntil || cancellationToken.IsCancellationRequested)
            {
                return card;
            }

            await Task.Delay(PollEvery, time, cancellationToken).ConfigureAwait(false);
        }
    }
}
