using FacilityHub.Domain.Reports;
using FacilityHub.Domain.WorkOrders;
using static FacilityHub.Domain.Tests.MonthlyReportSample;

namespace FacilityHub.Domain.Tests;

/// <summary>The monthly figures of <see cref="MonthlyReportSample"/>, each worked out by hand in the comments.</summary>
public sealed class MonthlyReportCalculatorTests
{
    private static readonly MonthlyReport Report = MonthlyReportCalculator.Compute(Input());

    [Fact]
    public void The_response_time_chart_has_the_hand_computed_mean_and_limits_and_flags_the_slow_order()
    {
        var chart = Report.ResponseTimes;

        // November's orders by time raised: wo-1..wo-8 accepted after 10, 12, 11, 13, 12, 11, 12, 40 minutes (wo-0 is October's).
        Assert.Equal([10, 12, 11, 13, 12, 11, 12, 40], chart.Points.Select(p => p.Value));
        // mean = 121 / 8 = 15.125
        Assert.Equal(15.125, chart.Mean!.Value, 9);
        // moving ranges 2, 1, 2, 1, 1, 1, 28: average 36 / 7 = 5.142857...
        Assert.Equal(36.0 / 7, chart.AverageMovingRange!.Value, 9);
        // UCL = 15.125 + 2.66 × 36/7 = 15.125 + 13.68 = 28.805; LCL = 15.125 − 13.68 = 1.445
        Assert.Equal(28.805, chart.Ucl!.Value, 9);
        Assert.Equal(1.445, chart.Lcl!.Value, 9);
        // 40 > 28.805: only wo-8 is outside.
        Assert.Equal(["wo-8"], chart.Points.Where(p => p.Outside).Select(p => p.Label));
    }

    [Fact]
    public void The_on_site_chart_floors_its_lower_limit_at_zero()
    {
        var chart = Report.OnSiteTimes;

        // On site after 60 (wo-1), 90 (wo-2), 300 (wo-3), 120 (wo-4), 30 (wo-6), 180 (wo-7); wo-5 and wo-8 never got there.
        Assert.Equal([60, 90, 300, 120, 30, 180], chart.Points.Select(p => p.Value));
        // mean = 780 / 6 = 130; moving ranges 30, 210, 180, 90, 150: average 660 / 5 = 132
        Assert.Equal(130, chart.Mean!.Value, 9);
        Assert.Equal(132, chart.AverageMovingRange!.Value, 9);
        // UCL = 130 + 2.66 × 132 = 481.12; 130 − 351.12 is negative, so LCL = 0
        Assert.Equal(481.12, chart.Ucl!.Value, 9);
        Assert.Equal(0, chart.Lcl!.Value);
        Assert.Equal(0, chart.OutsideCount);
    }

    [Fact]
    public void A_chart_of_one_order_has_a_mean_but_no_limits()
    {
        var chart = ControlChart.Of("t", [("wo-1", Nov(1), 7.0)]);

        Assert.Equal(7, chart.Mean);
        Assert.Null(chart.Ucl);
        Assert.Null(chart.Lcl);
        Assert.False(Assert.Single(chart.Points).Outside);
    }

    [Fact]
    public void Sla_compliance_per_class_counts_the_orders_without_a_recorded_breach()
    {
        // Emergency: wo-1, wo-2, wo-6, wo-8 (wo-8 missed its response) → 3 of 4.
        // Major: wo-3 (on site late), wo-7 (resolution late) → 0 of 2. Normal: wo-4, wo-5 → 2 of 2.
        Assert.Equal(
            [(WorkOrderUrgency.Emergency, 4, 3), (WorkOrderUrgency.Major, 2, 0), (WorkOrderUrgency.Normal, 2, 2)],
            Report.Sla.Select(s => (s.Urgency, s.Orders, s.Met)));
        Assert.Equal(75, Report.Sla[0].PercentMet);
        Assert.Equal(new Dictionary<SlaClock, int> { [SlaClock.Response] = 1 }, Report.Sla[0].BreachesByClock);
        Assert.Equal(new Dictionary<SlaClock, int> { [SlaClock.OnSite] = 1, [SlaClock.Resolution] = 1 }, Report.Sla[1].BreachesByClock);
        // Overall 5 of 8 = 62.5 % against 100 %.
        var overall = Report.Targets[0];
        Assert.Equal((5, 8, 62.5, TargetStatus.NotMet), (overall.Count, overall.Total, overall.Percent, overall.Status));
    }

    [Fact]
    public void Mtta_averages_the_acknowledged_alarms_of_the_month_and_counts_the_rest_as_pending()
    {
        // Acknowledged after 2, 4 and 6 minutes (October's alarm left out): (2 + 4 + 6) / 3 = 4 minutes; alarm-0301 never.
        Assert.Equal(new MeanTime(TimeSpan.FromMinutes(4), 3, 1), Report.Mtta);
        Assert.Equal(4, Report.AlarmsRaised);
    }

    [Fact]
    public void Mttr_runs_from_the_order_being_raised_to_the_repair_that_stood()
    {
        // Repaired: wo-1 180, wo-2 240, wo-3 600, wo-7 1500 minutes → 2520 / 4 = 630 minutes = 10 h 30 min.
        // Still open: wo-4 (on site), wo-6 (reopened after its first fix), wo-8 (accepted); wo-5 was cancelled.
        Assert.Equal(new MeanTime(TimeSpan.FromMinutes(630), 4, 3), Report.Mttr);
        Assert.Equal(8, Report.WorkOrdersRaised);
    }

    [Fact]
    public void Follow_up_coverage_satisfaction_and_complaints_are_judged_against_their_targets()
    {
        // Repairs completed in November: wo-0 (1 Nov), wo-1, wo-2, wo-3, wo-7 = 5; called: wo-0, wo-1 → 2 / 5 = 40 % ≥ 20 %.
        Assert.Equal((2, 5, 40.0, TargetStatus.Met), Figures(Report.FollowUpCoverage));
        // Calls recorded in November: 2 satisfied of 3 → 66.7 % < 85 %.
        Assert.Equal((2, 3, 200.0 / 3, TargetStatus.NotMet), Figures(Report.Satisfaction));
        // Complaints of November: answered in 5 h (yes), in 25 h (no), 29 Nov unanswered and past its 24 h (no);
        // 30 Nov 23:00 unanswered is still inside its 24 h on 1 Dec 10:00 and not judged → 1 of 3 = 33.3 % < 95 %.
        Assert.Equal((1, 3, 100.0 / 3, TargetStatus.NotMet), Figures(Report.ComplaintsAnsweredIn24h));
    }

    [Fact]
    public void A_repair_whose_follow_up_call_is_not_due_yet_is_not_counted_against_coverage()
    {
        // On 21 Nov 12:00: wo-0, wo-1, wo-2, wo-3 repaired more than 2 days before (wo-0 and wo-1 called); wo-7, repaired
        // on 21 Nov 09:00, has 2 days for its call and is left out → 2 / 4 = 50 %.
        var report = MonthlyReportCalculator.Compute(Input() with { GeneratedAt = Nov(21, 12) });

        Assert.Equal((2, 4, 50.0, TargetStatus.Met), Figures(report.FollowUpCoverage));
    }

    [Fact]
    public void Inspections_are_summed_per_level_in_the_order_daily_weekly_monthly()
    {
        Assert.Equal([("daily", 30, 28), ("weekly", 4, 4), ("monthly", 1, 1)], Report.Inspections.Select(i => (i.Level, i.Planned, i.Done)));
        // 33 of 35 rounds = 94.29 % against 100 %.
        var overall = Report.Targets[4];
        Assert.Equal((33, 35, TargetStatus.NotMet), (overall.Count, overall.Total, overall.Status));
    }

    [Fact]
    public void Nonconformances_form_a_pareto_of_descending_counts_with_cumulative_shares()
    {
        // November: hygiene 5, equipment 3, records 1, safety 1 (ties by name) of 10; October's hygiene finding left out.
        Assert.Equal(
            [("hygiene", 5, 50.0, 50.0), ("equipment", 3, 30.0, 80.0), ("records", 1, 10.0, 90.0), ("safety", 1, 10.0, 100.0)],
            Report.Pareto.Select(c => (c.Category, c.Count, c.Percent, c.CumulativePercent)));
        Assert.Equal(10, Report.Nonconformances);
    }

    [Fact]
    public void Top_faulting_equipment_ranks_items_by_work_orders_then_alarm_activations()
    {
        // pump-1: wo-1, wo-2, wo-6 and 2 November alarms; dishwasher-1: 2 orders, 1 alarm; pump-2: 2 orders (wo-0 is October's);
        // alarm-0301: 1 order, 1 alarm.
        Assert.Equal(
            [("pump-1", 3, 2), ("dishwasher-1", 2, 1), ("pump-2", 2, 0), ("alarm-0301", 1, 1)],
            Report.TopEquipment.Select(e => (e.EquipmentId, e.WorkOrders, e.AlarmActivations)));
    }

    [Fact]
    public void Improvement_proposals_follow_from_the_unmet_targets_the_slow_order_the_vital_few_and_repeat_faults()
    {
        Assert.Collection(Report.Proposals,
            p => Assert.StartsWith("Emergency orders: 1 of 4 missed a time limit (response 1).", p),
            p => Assert.StartsWith("Major orders: 2 of 2 missed a time limit (on site 1, resolution 1).", p),
            p => Assert.StartsWith("Response time (raised → accepted): 1 order(s) outside the control limits (wo-8).", p),
            p => Assert.StartsWith("Satisfaction was 66.7 % (target 85 %).", p),
            p => Assert.StartsWith("33.3 % of complaints were answered within 24 h (target 95 %).", p),
            p => Assert.StartsWith("Daily inspections: 28 of 30 planned rounds done.", p),
            p => Assert.StartsWith("Nonconformances: hygiene, equipment make up 80 % of the findings.", p),
            p => Assert.StartsWith("pump-1 needed 3 work orders", p),
            p => Assert.StartsWith("dishwasher-1 needed 2 work orders", p),
            p => Assert.StartsWith("pump-2 needed 2 work orders", p));
    }

    [Fact]
    public void Without_inspection_nonconformance_or_complaint_records_those_targets_have_no_data_rather_than_a_figure()
    {
        var report = MonthlyReportCalculator.Compute(HubOnlyInput());

        Assert.Empty(report.Inspections);
        Assert.Empty(report.Pareto);
        Assert.Equal(TargetStatus.NoData, report.ComplaintsAnsweredIn24h.Status);
        Assert.Equal("no complaint data recorded", report.ComplaintsAnsweredIn24h.NoDataText);
        Assert.Equal(TargetStatus.NoData, report.Targets[4].Status);
        Assert.Null(report.Targets[4].Percent);
        Assert.DoesNotContain(report.Proposals, p => p.Contains("inspections", StringComparison.OrdinalIgnoreCase) || p.Contains("complaints", StringComparison.Ordinal));
    }

    [Fact]
    public void A_month_still_running_ends_its_period_at_the_time_the_report_was_made()
    {
        var now = Nov(20, 12);
        var report = MonthlyReportCalculator.Compute(Input() with { GeneratedAt = now });

        Assert.Equal(now, report.PeriodEnd);
        Assert.False(report.Complete);
        Assert.True(MonthlyReportCalculator.Compute(Input()).Complete);
    }

    [Theory]
    [InlineData("2026-11", true)]
    [InlineData("2026-01", true)]
    [InlineData("2026-13", false)]
    [InlineData("2026-00", false)]
    [InlineData("2026-1", false)]
    [InlineData("26-11", false)]
    [InlineData("2026/11", false)]
    [InlineData("+026-11", false)]
    [InlineData("", false)]
    public void A_month_is_written_year_dash_two_digit_month(string text, bool valid)
    {
        Assert.Equal(valid, ReportMonth.TryParse(text, out var month));
        if (valid) Assert.Equal(text, month.ToString());
    }

    [Fact]
    public void November_runs_from_the_first_of_november_to_the_first_of_december_utc()
    {
        Assert.Equal((new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero)), (November.Start, November.End));
        Assert.Equal(new ReportMonth(2027, 1), ReportMonth.TryParse("2027-01", out var january) ? january : default);
        Assert.Equal(new DateTimeOffset(2027, 2, 1, 0, 0, 0, TimeSpan.Zero), january.End);
    }

    private static (int, int, double?, TargetStatus) Figures(TargetResult t) => (t.Count, t.Total, t.Percent, t.Status);
}
