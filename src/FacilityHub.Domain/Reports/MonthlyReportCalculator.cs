using System.Globalization;
using FacilityHub.Domain.WorkOrders;

namespace FacilityHub.Domain.Reports;

/// <summary>
/// The monthly report's figures from plain facts (DOMAIN.md "Inspections and quality", "Follow-up calls"). What
/// belongs to the month is decided by when it started: orders and alarms raised, calls recorded, complaints received
/// and nonconformances raised within it.
/// </summary>
public static class MonthlyReportCalculator
{
    /// <summary>Follow-up calls reach at least 20 % of customers each month.</summary>
    public const double FollowUpCoverageTarget = 20;

    /// <summary>Satisfaction at least 85 %.</summary>
    public const double SatisfactionTarget = 85;

    /// <summary>95 % of complaints answered within 24 hours.</summary>
    public const double ComplaintsTarget = 95;

    /// <summary>Every order within its time limits, every planned inspection round done.</summary>
    public const double AllTarget = 100;

    public static readonly TimeSpan ComplaintAnswerLimit = TimeSpan.FromHours(24);

    /// <summary>A follow-up call is normally made within 2 days of the repair's closure (DOMAIN.md).</summary>
    public static readonly TimeSpan FollowUpWithin = TimeSpan.FromDays(2);

    public const int TopEquipmentShown = 10;

    private static readonly string[] LevelOrder = ["daily", "weekly", "monthly"];

    public static MonthlyReport Compute(MonthlyReportInput input)
    {
        var month = input.Month;
        var periodEnd = input.GeneratedAt < month.End ? input.GeneratedAt : month.End;
        var orders = input.WorkOrders.Where(o => month.Contains(o.RaisedAt)).ToList();
        var alarms = input.Alarms.Where(a => month.Contains(a.RaisedAt)).ToList();

        var response = ControlChart.Of("Response time (raised → accepted)",
            orders.Where(o => o.AcceptedAt is not null).Select(o => (o.WorkOrderId, o.RaisedAt, Minutes(o.AcceptedAt!.Value - o.RaisedAt))));
        var onSite = ControlChart.Of("On-site time (raised → on site)",
            orders.Where(o => o.OnSiteAt is not null).Select(o => (o.WorkOrderId, o.RaisedAt, Minutes(o.OnSiteAt!.Value - o.RaisedAt))));

        var sla = orders.GroupBy(o => o.Urgency).OrderBy(g => g.Key)
            .Select(g => new SlaCompliance(g.Key, g.Count(), g.Count(o => o.Breaches.Count == 0),
                g.SelectMany(o => o.Breaches.Distinct()).GroupBy(c => c).OrderBy(c => c.Key).ToDictionary(c => c.Key, c => c.Count())))
            .ToList();

        var mtta = Mean(alarms.Select(a => a.AcknowledgedAt - a.RaisedAt), alarms.Count);
        var repairable = orders.Where(o => o.Status is not (WorkOrderStatus.Cancelled or WorkOrderStatus.Rejected)).ToList();
        var mttr = Mean(repairable.Select(o => o.RepairedAt - o.RaisedAt), repairable.Count);

        var calledOrders = input.FollowUps.Where(f => f.At <= input.GeneratedAt).Select(f => f.WorkOrderId).ToHashSet(StringComparer.Ordinal);
        // A repair whose call is not due yet (within FollowUpWithin of it) and not made is not judged yet.
        var repairedInMonth = input.WorkOrders
            .Where(o => o.RepairedAt is { } r && month.Contains(r) && (calledOrders.Contains(o.WorkOrderId) || r + FollowUpWithin <= input.GeneratedAt))
            .Select(o => o.WorkOrderId).ToHashSet(StringComparer.Ordinal);
        var coverage = new TargetResult("Follow-up coverage", repairedInMonth.Count(calledOrders.Contains), repairedInMonth.Count,
            FollowUpCoverageTarget, "no repair completed this month");

        var calls = input.FollowUps.Where(f => month.Contains(f.At)).ToList();
        var satisfaction = new TargetResult("Satisfaction", calls.Count(c => c.Satisfied), calls.Count, SatisfactionTarget, "no follow-up call recorded");

        // A complaint still inside its 24 hours when the report is made is not judged yet.
        var complaints = input.Complaints.Where(c => month.Contains(c.ReceivedAt)
            && (c.AnsweredAt is not null || c.ReceivedAt + ComplaintAnswerLimit <= input.GeneratedAt)).ToList();
        var complaintsResult = new TargetResult("Complaints answered within 24 h",
            complaints.Count(c => c.AnsweredAt is { } a && a - c.ReceivedAt <= ComplaintAnswerLimit), complaints.Count, ComplaintsTarget,
            input.Complaints.Count == 0 ? "no complaint data recorded" : "no complaint received");

        var inspections = input.Inspections.GroupBy(i => i.Level, StringComparer.Ordinal)
            .OrderBy(g => Array.IndexOf(LevelOrder, g.Key) is int i and >= 0 ? i : LevelOrder.Length).ThenBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new InspectionLevelResult(g.Key, g.Sum(i => i.Planned), g.Sum(i => i.Done)))
            .ToList();

        var nonconformances = input.Nonconformances.Where(n => month.Contains(n.RaisedAt)).ToList();
        var pareto = Pareto(nonconformances.Select(n => n.Category));

        var top = orders.Select(o => o.EquipmentId).Concat(alarms.Select(a => a.EquipmentId)).Distinct(StringComparer.Ordinal)
            .Select(id => new FaultingEquipment(id, alarms.Count(a => a.EquipmentId == id), orders.Count(o => o.EquipmentId == id)))
            .OrderByDescending(e => e.WorkOrders).ThenByDescending(e => e.AlarmActivations).ThenBy(e => e.EquipmentId, StringComparer.Ordinal)
            .Take(TopEquipmentShown)
            .ToList();

        var slaOverall = new TargetResult("Orders within their time limits", sla.Sum(s => s.Met), sla.Sum(s => s.Orders), AllTarget, "no work order this month");
        var inspectionsOverall = new TargetResult("Inspection rounds done as planned", inspections.Sum(i => Math.Min(i.Done, i.Planned)), inspections.Sum(i => i.Planned),
            AllTarget, "no inspection data recorded");
        var targets = new[] { slaOverall, coverage, satisfaction, complaintsResult, inspectionsOverall };

        var report = new MonthlyReport(input.SiteId, input.SiteName, month, month.Start, periodEnd, input.GeneratedAt, orders.Count, alarms.Count,
            response, onSite, sla, mtta, mttr, coverage, satisfaction, complaintsResult, inspections, nonconformances.Count, pareto, top, targets, []);
        return report with { Proposals = Proposals(report) };
    }

    /// <summary>Categories by count, most first (ties by name), each with its share and the running total.</summary>
    public static IReadOnlyList<ParetoCategory> Pareto(IEnumerable<string> categories)
    {
        var counts = categories.GroupBy(c => c, StringComparer.Ordinal)
            .Select(g => (Category: g.Key, Count: g.Count()))
            .OrderByDescending(c => c.Count).ThenBy(c => c.Category, StringComparer.Ordinal)
            .ToList();
        int total = counts.Sum(c => c.Count);
        int running = 0;
        var bars = new List<ParetoCategory>(counts.Count);
        foreach (var (category, count) in counts)
        {
            running += count;
            bars.Add(new ParetoCategory(category, count, 100.0 * count / total, 100.0 * running / total));
        }
        return bars;
    }

    private static double Minutes(TimeSpan span) => span.TotalMinutes;

    private static MeanTime Mean(IEnumerable<TimeSpan?> spans, int cases)
    {
        var done = spans.OfType<TimeSpan>().ToList();
        return new MeanTime(done.Count == 0 ? null : TimeSpan.FromTicks((long)done.Average(s => s.Ticks)), done.Count, cases - done.Count);
    }

    /// <summary>One proposal per unmet target or signal, most pressing first.</summary>
    private static List<string> Proposals(MonthlyReport r)
    {
        var proposals = new List<string>();
        foreach (var s in r.Sla.Where(s => s.Met < s.Orders))
        {
            string clocks = string.Join(", ", s.BreachesByClock.Select(b => $"{ClockName(b.Key)} {b.Value}"));
            proposals.Add($"{s.Urgency} orders: {s.Orders - s.Met} of {s.Orders} missed a time limit ({clocks}). Review how these orders were handed over, staffed and reached, and agree the fix with the teams.");
        }
        foreach (var chart in new[] { r.ResponseTimes, r.OnSiteTimes }.Where(c => c.OutsideCount > 0))
        {
            string which = string.Join(", ", chart.Points.Where(p => p.Outside).Select(p => p.Label));
            proposals.Add($"{chart.Title}: {chart.OutsideCount} order(s) outside the control limits ({which}). Find the special cause of each before changing the process.");
        }
        if (r.FollowUpCoverage.Status == TargetStatus.NotMet)
        {
            proposals.Add($"Follow-up calls reached {Percent(r.FollowUpCoverage)} of repaired orders (target {r.FollowUpCoverage.TargetPercent:0} %). Plan customer service's calls daily from the list of verified repairs.");
        }
        if (r.Satisfaction.Status == TargetStatus.NotMet)
        {
            proposals.Add($"Satisfaction was {Percent(r.Satisfaction)} (target {r.Satisfaction.TargetPercent:0} %). Go through the unsatisfied calls' remarks and the reopened orders with the teams concerned.");
        }
        if (r.ComplaintsAnsweredIn24h.Status == TargetStatus.NotMet)
        {
            proposals.Add($"{Percent(r.ComplaintsAnsweredIn24h)} of complaints were answered within 24 h (target {r.ComplaintsAnsweredIn24h.TargetPercent:0} %). Name a person on duty for complaints each day.");
        }
        foreach (var i in r.Inspections.Where(i => i.Done < i.Planned))
        {
            proposals.Add($"{Capitalized(i.Level)} inspections: {i.Done} of {i.Planned} planned rounds done. Reassign the missed posts and check the round plan against the staff available.");
        }
        var vitalFew = r.Pareto.TakeWhile((c, index) => index == 0 || r.Pareto[index - 1].CumulativePercent < 80).ToList();
        if (vitalFew.Count > 0)
        {
            proposals.Add($"Nonconformances: {string.Join(", ", vitalFew.Select(c => c.Category))} make up {vitalFew[^1].CumulativePercent:0} % of the findings. Aim the corrective and preventive actions at these first.");
        }
        foreach (var e in r.TopEquipment.Where(e => e.WorkOrders >= 2))
        {
            proposals.Add($"{e.EquipmentId} needed {e.WorkOrders} work orders this month. Review its preventive maintenance plan, or its replacement.");
        }
        return proposals;
    }

    public static string ClockName(SlaClock clock) => clock switch
    {
        SlaClock.Response => "response",
        SlaClock.OnSite => "on site",
        SlaClock.Resolution => "resolution",
        SlaClock.Appointment => "appointment",
        _ => clock.ToString(),
    };

    private static string Percent(TargetResult t) => t.Percent is { } p ? p.ToString("0.#", CultureInfo.InvariantCulture) + " %" : "-";

    private static string Capitalized(string level) => level.Length == 0 ? level : char.ToUpperInvariant(level[0]) + level[1..];
}
