namespace FacilityHub.FleetSimulator.Drills;

/// <summary>
/// Scores a drill from what was injected and what the hub reports; pure, no I/O. Only alarms raised from the run's
/// start on the simulated devices count: alarms elsewhere (or from before) are none of this drill's business.
/// </summary>
public static class DrillScorer
{
    /// <summary>Rule id of the stale rules; such an alarm early in the run is a device not yet heard from.</summary>
    public const string OfflineRule = "offline";

    /// <summary>The hub's clock and the simulator's may differ by this much (same machine: rounding only).</summary>
    public static readonly TimeSpan ClockTolerance = TimeSpan.FromMilliseconds(500);

    public static ScoreCard Score(
        Scenario scenario,
        IReadOnlyList<DrillInjection> injections,
        IReadOnlySet<string> simulatedDevices,
        DateTimeOffset runStart,
        IReadOnlyList<DrillAlarm> alarms,
        IReadOnlyList<DrillWorkOrder> workOrders,
        IngestionScore? ingestion = null)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        ArgumentNullException.ThrowIfNull(injections);
        ArgumentNullException.ThrowIfNull(simulatedDevices);
        ArgumentNullException.ThrowIfNull(alarms);
        ArgumentNullException.ThrowIfNull(workOrders);

        var inRun = alarms.Where(a => a.RaisedAt >= runStart - ClockTolerance && simulatedDevices.Contains(a.EquipmentId)).ToList();
        var ordersInRun = workOrders.Where(w => w.CreatedAt >= runStart - ClockTolerance && simulatedDevices.Contains(w.EquipmentId)).ToList();
        var failures = new List<string>();
        var faults = injections.Select(i => ScoreFault(i, inRun, ordersInRun)).ToList();
        failures.AddRange(faults.SelectMany(f => f.Problems.Select(p => $"{f.Fault.Fault}@{f.Fault.Equipment}: {p}")));

        // A fault that expects no alarm leaves its device healthy as far as false alarms go.
        var faulty = injections.Where(i => i.At is not null && i.Fault.Expect?.NoAlarm != true).Select(i => i.Fault.Equipment).ToHashSet(StringComparer.Ordinal);
        var grace = runStart + TimeSpan.FromSeconds(scenario.Expectations.OfflineGraceS);
        var falseAlarms = inRun
            .Where(a => !faulty.Contains(a.EquipmentId) && !(a.RuleId == OfflineRule && a.RaisedAt < grace))
            .OrderBy(a => a.RaisedAt)
            .ToList();
        if (scenario.Expectations.NoFalseAlarms && falseAlarms.Count > 0)
        {
            failures.Add($"{falseAlarms.Count} false alarm(s): {string.Join(", ", falseAlarms.Select(a => $"{a.EquipmentId}/{a.RuleId}"))}");
        }

        var duplicates = ordersInRun.GroupBy(w => w.AlarmId, StringComparer.Ordinal).Where(g => g.Count() > 1)
            .Select(g => $"{g.Key}: {string.Join(", ", g.Select(w => w.WorkOrderId))}")
            .ToList();
        if (scenario.Expectations.NoDuplicateWorkOrders && duplicates.Count > 0)
        {
            failures.Add($"duplicate work orders for {string.Join("; ", duplicates)}");
        }

        if (ingestion is not null)
        {
            failures.AddRange(ScoreIngestion(scenario.Expectations, ingestion));
        }
        else if (scenario.Expectations.RejectedAtLeast is { Count: > 0 } || scenario.Expectations.NoMessageLost)
        {
            failures.Add("the hub's ingestion stats could not be read (GetIngestionStats is for operators and admins), so rejected_at_least and no_message_lost cannot be judged");
        }

        return new ScoreCard(scenario.Name, faults, falseAlarms, duplicates, failures, ingestion);
    }

    private static IEnumerable<string> ScoreIngestion(DrillExpectations expect, IngestionScore ingestion)
    {
        foreach (var (reason, least) in expect.RejectedAtLeast ?? new Dictionary<string, long>())
        {
            var rejected = ingestion.Hub.Rejected.GetValueOrDefault(reason);
            if (rejected < least) yield return $"the hub rejected {rejected} message(s) as '{reason}', expected at least {least}";
        }

        if (expect.NoMessageLost)
        {
            if (ingestion.Dropped > 0) yield return $"the simulator itself dropped {ingestion.Dropped} message(s): cannot tell whether the hub lost any";
            if (ingestion.Hub.Accepted < ingestion.GoodSent) yield return $"the hub accepted {ingestion.Hub.Accepted} message(s) of {ingestion.GoodSent} good ones sent: {ingestion.GoodSent - ingestion.Hub.Accepted} lost";
        }
    }

    private static FaultScore ScoreFault(DrillInjection injection, List<DrillAlarm> alarms, List<DrillWorkOrder> orders)
    {
        var fault = injection.Fault;
        var expect = fault.Expect;
        var problems = new List<string>();
        if (injection.At is not { } at)
        {
            problems.Add("never injected (the run ended first)");
            return new FaultScore(fault, null, null, null, null, null, problems, 0);
        }

        // The expected rule's first alarm after the injection; without an expectation, the device's first alarm (for the card).
        var alarm = alarms
            .Where(a => a.EquipmentId == fault.Equipment && a.RaisedAt >= at - ClockTolerance && (expect?.Alarm is null || a.RuleId == expect.Alarm))
            .MinBy(a => a.RaisedAt);
        var detection = alarm is null ? (TimeSpan?)null : Max(alarm.RaisedAt - at, TimeSpan.Zero);
        var since = alarms.Where(a => a.EquipmentId == fault.Equipment && a.RaisedAt >= at - ClockTolerance).ToList();
        if (expect?.NoAlarm == true && since.Count > 0)
        {
            problems.Add($"{since.Count} alarm(s) raised, none expected: {string.Join(", ", since.Select(a => a.AlarmId))}");
        }

        if (expect?.MaxAlarms is { } most)
        {
            var counted = since.Where(a => expect.Alarm is null || a.RuleId == expect.Alarm).ToList();
            if (counted.Count > most) problems.Add($"{counted.Count} alarm(s) raised, at most {most} expected (chattering): {string.Join(", ", counted.Select(a => a.AlarmId))}");
        }

        // An order of this fault's alarm made since the injection: a returned alarm's order is the old occurrence's.
        var order = alarm is null ? null : orders.Where(w => w.AlarmId == alarm.AlarmId && w.CreatedAt >= at - ClockTolerance).MinBy(w => w.CreatedAt);
        var dispatch = order?.SentAt is { } sent ? Max(sent - at, TimeSpan.Zero) : (TimeSpan?)null;

        if (expect?.Alarm is { } rule && expect.MaxAlarms is null)
        {
            var limit = TimeSpan.FromSeconds(expect.WithinS);
            if (detection is null) problems.Add($"missed: no '{rule}' alarm");
            else if (detection > limit) problems.Add($"'{rule}' raised after {detection.Value.TotalSeconds:0.000} s, expected within {expect.WithinS} s");

            if (expect.WorkOrder == true && alarm is not null)
            {
                if (order is null && alarm.Returned) problems.Add($"no new work order: {alarm.AlarmId} was raised before the drill and never acknowledged, so the fault brought that alarm back (ISA-18.2) instead of a new one; acknowledge the device's old alarms before a drill");
                else if (order is null) problems.Add("no work order raised");
                else if (dispatch is null) problems.Add($"work order {order.WorkOrderId} never reached the dispatch system");
                else if (dispatch > TimeSpan.FromSeconds(expect.DispatchLimitS)) problems.Add($"work order at dispatch after {dispatch.Value.TotalSeconds:0.000} s, expected within {expect.DispatchLimitS} s");
            }
            else if (expect.WorkOrder == false && order is not null)
            {
                problems.Add($"work order {order.WorkOrderId} raised, none expected");
            }
        }

        return new FaultScore(fault, at, alarm, detection, order, dispatch, problems, since.Count);
    }

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;
}
