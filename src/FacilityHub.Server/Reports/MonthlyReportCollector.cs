using FacilityHub.Domain.Reports;
using FacilityHub.Domain.Topology;
using FacilityHub.Domain.WorkOrders;
using FacilityHub.Grains.Alarms;
using FacilityHub.Grains.Quality;
using FacilityHub.Grains.Sites;
using FacilityHub.Grains.WorkOrders;

namespace FacilityHub.Server.Reports;

/// <summary>
/// Gathers the monthly report's facts of a site from the grains: every work order of the site (with its steps,
/// breaches and follow-up calls), and the month's alarm occurrences of the items' own rules with their first
/// acknowledgement from each alarm's record; the site's inspection rounds, nonconformances and complaints of the
/// month from its quality grain (whose months are in the inspections file's time zone).
/// </summary>
public sealed class MonthlyReportCollector(IGrainFactory grains)
{
    private const int PageSize = 1000;

    private static readonly HashSet<string> HubNotices = DispatchAlarmRules.All.Select(r => r.Id).ToHashSet(StringComparer.Ordinal);

    public async Task<MonthlyReportInput> CollectAsync(Site site, ReportMonth month, DateTimeOffset now)
    {
        var siteGrain = grains.GetGrain<ISiteGrain>(site.Id);
        var orders = await AllWorkOrdersAsync(siteGrain);
        var alarms = await MonthAlarmsAsync(siteGrain, month);
        var quality = await grains.GetGrain<IQualityGrain>(site.Id).GetMonthlyQualityRecords(month.Year, month.Month);

        return new MonthlyReportInput(site.Id, site.Name, month, now,
            [.. orders.Select(ToFact)],
            alarms,
            [.. orders.SelectMany(o => (o.FollowUps ?? []).Select(f => new FollowUpFact(o.Draft.WorkOrderId, f.At, f.Satisfied)))],
            [.. quality.Rounds.Select(r => new InspectionRoundFact(r.Level.ToString().ToLowerInvariant(), r.Planned, r.Done))],
            [.. quality.Nonconformances.Select(n => new NonconformanceFact(n.Category, n.Severity.ToString().ToLowerInvariant(), n.RaisedAt, n.VerifiedAt is not null))],
            [.. quality.Complaints.Select(c => new ComplaintFact(c.ReceivedAt, c.AnsweredAt))]);
    }

    private static WorkOrderFact ToFact(WorkOrderView o) => new(
        o.Draft.WorkOrderId, o.Draft.EquipmentId, o.Draft.Urgency, o.Draft.RaisedAt, o.Status,
        [.. o.Steps.Select(s => new WorkOrderStepFact(s.Status, s.At))],
        [.. (o.Breaches ?? []).Select(b => b.Clock).Distinct()]);

    private static async Task<List<WorkOrderView>> AllWorkOrdersAsync(ISiteGrain site)
    {
        var all = new List<WorkOrderView>();
        for (int offset = 0; ; offset += PageSize)
        {
            var page = await site.ListWorkOrders(new WorkOrderQuery(null, null, offset, PageSize));
            all.AddRange(page.Items);
            if (page.Items.Length < PageSize || all.Count >= page.Total) return all;
        }
    }

    /// <summary>The site's alarm occurrences raised in the month (the list is newest first, so paging stops at the
    /// first one older than the month), each with its first acknowledgement.</summary>
    private async Task<AlarmFact[]> MonthAlarmsAsync(ISiteGrain site, ReportMonth month)
    {
        var occurrences = new List<AlarmView>();
        for (int offset = 0; ; offset += PageSize)
        {
            var page = await site.ListAlarms(new AlarmQuery(null, null, null, null, false, offset, PageSize));
            occurrences.AddRange(page.Items);
            if (page.Items.Length < PageSize || page.Items[^1].RaisedAt < month.Start) break;
        }
        // Later occurrences (also after the month) bound each one's acknowledgement.
        var byTag = occurrences.Where(a => !HubNotices.Contains(a.RuleId))
            .GroupBy(a => AlarmKeys.Tag(a.EquipmentId, a.RuleId), StringComparer.Ordinal)
            .Where(g => g.Any(a => month.Contains(a.RaisedAt)))
            .ToList();
        var facts = await Task.WhenAll(byTag.Select(async g =>
        {
            var history = (await grains.GetGrain<IAlarmGrain>(g.Key).GetHistory()).Select(h => h.ToDomain()).ToList();
            var ordered = g.OrderBy(a => a.RaisedAt).ToList();
            return ordered.Select((a, i) => new AlarmFact(a.AlarmId, a.EquipmentId, a.RaisedAt,
                    AlarmAcknowledgements.FirstAcknowledgedAt(history, a.RaisedAt, i + 1 < ordered.Count ? ordered[i + 1].RaisedAt : null)))
                .Where(f => month.Contains(f.RaisedAt));
        }));
        return [.. facts.SelectMany(f => f)];
    }
}
