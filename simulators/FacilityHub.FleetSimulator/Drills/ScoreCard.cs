using System.Globalization;
using System.Text;

namespace FacilityHub.FleetSimulator.Drills;

/// <summary>The result of a drill: one line per injected fault, the false alarms and duplicate work orders, what the
/// fleet sent against what the hub's ingestion counted, and whether the scenario's expectations were met.</summary>
public sealed record ScoreCard(
    string Scenario,
    IReadOnlyList<FaultScore> Faults,
    IReadOnlyList<DrillAlarm> FalseAlarms,
    IReadOnlyList<string> DuplicateWorkOrders,
    IReadOnlyList<string> Failures,
    IngestionScore? Ingestion = null)
{
    public bool Passed => Failures.Count == 0;

    /// <summary>Faults whose expected alarm never came.</summary>
    public int MissedFaults => Faults.Count(f => f.Missed);

    /// <summary>The card as printed on the console.</summary>
    public string Format()
    {
        static string Seconds(TimeSpan? t) => t is { } v ? string.Create(CultureInfo.InvariantCulture, $"{v.TotalSeconds:0.000} s") : "-";
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"score card: {Scenario}");
        foreach (var f in Faults)
        {
            var expect = f.Fault.Expect;
            var expected = expect?.Alarm ?? "(none expected)";
            var order = f.WorkOrder is { } w ? $"{w.WorkOrderId} at dispatch after {Seconds(f.DispatchDelay)}" : "no work order";
            var alarm = expect switch
            {
                { NoAlarm: true } => $"no alarm expected, {f.AlarmsSince} raised",
                { MaxAlarms: { } most } => $"at most {most} alarm(s) {(expect.Alarm is { } r ? r : "of any rule")} expected, {f.AlarmsSince} raised on the device",
                null => $"nothing expected; first alarm on the device: {(f.Alarm is { } a ? $"{a.RuleId} after {Seconds(f.DetectionDelay)}" : "none")}",
                _ => $"alarm {expected} {(f.Alarm is null ? "not raised" : "after " + Seconds(f.DetectionDelay))}",
            };
            text.AppendLine(CultureInfo.InvariantCulture,
                $"  {f.Fault.Fault}@{f.Fault.Equipment}+{f.Fault.AtS:0.###}: {alarm}; {order}; {(f.Passed ? "OK" : "FAIL")}");
        }

        text.AppendLine(CultureInfo.InvariantCulture,
            $"  missed faults: {MissedFaults}; false alarms: {FalseAlarms.Count}{string.Concat(FalseAlarms.Select(a => $" [{a.EquipmentId}/{a.RuleId}]"))}; duplicate work orders: {DuplicateWorkOrders.Count}");
        if (Ingestion is { } i)
        {
            static string Reasons(IEnumerable<KeyValuePair<string, long>> counts) =>
                string.Join(", ", counts.Where(c => c.Value != 0).OrderBy(c => c.Key, StringComparer.Ordinal).Select(c => $"{c.Key} {c.Value}")) is { Length: > 0 } text ? text : "none";
            text.AppendLine(CultureInfo.InvariantCulture,
                $"  sent: {i.GoodSent} good, spoilt: {Reasons(i.BadSent)}{(i.Dropped > 0 ? $", {i.Dropped} dropped by the simulator" : "")}; hub accepted {i.Hub.Accepted}, rejected: {Reasons(i.Hub.Rejected)}");
        }

        foreach (var failure in Failures)
        {
            text.AppendLine("  FAIL " + failure);
        }

        text.Append(Passed ? "  PASSED" : "  FAILED");
        return text.ToString();
    }
}
