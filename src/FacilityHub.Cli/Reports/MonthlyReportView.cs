using System.Globalization;
using FacilityHub.Api.V1;
using FacilityHub.Cli.CommandLine;
using FacilityHub.Cli.Output;

namespace FacilityHub.Cli.Reports;

/// <summary>The monthly report's summary figures for the terminal; the charts are in the HTML page.</summary>
public static class MonthlyReportView
{
    public static string Render(MonthlyReport r)
    {
        var facts = TextTable.WithoutHeader(2)
            .AddRow("Site", $"{r.SiteId} ({r.SiteName})")
            .AddRow("Month", r.Complete ? $"{r.Month} (complete)" : $"{r.Month} (so far, to {Display.Time(r.PeriodEnd)})")
            .AddRow("Work orders raised", Display.Number(r.WorkOrdersRaised))
            .AddRow("Alarms raised", Display.Number(r.AlarmsRaised))
            .AddRow("Response time", Chart(r.ResponseTimes))
            .AddRow("On-site time", Chart(r.OnSiteTimes))
            .AddRow("MTTA", Mean(r.Mtta, "acknowledged", "not acknowledged"))
            .AddRow("MTTR", Mean(r.Mttr, "repaired", "still open"))
            .AddRow("Nonconformances", r.Pareto.Count == 0 ? "no nonconformance data recorded" : Display.Number(r.Nonconformances))
            .AddRow("Inspections", r.Inspections.Count == 0 ? "no inspection data recorded"
                : string.Join(", ", r.Inspections.Select(i => $"{i.Level} {i.Done} of {i.Planned}")));

        var targets = new TextTable("TARGET", "RESULT", "GOAL", "STATUS").AlignRight(1).AlignRight(2);
        foreach (var t in r.Targets)
        {
            targets.AddRow(t.Name, t.HasPercent ? $"{Decimal(t.Percent)} % ({t.Count} of {t.Total})" : Display.Nothing, $">= {Decimal(t.TargetPercent)} %", Status(t));
        }

        var sla = new TextTable("CLASS", "ORDERS", "WITHIN LIMITS", "COMPLIANCE").AlignRight(1).AlignRight(2).AlignRight(3);
        foreach (var s in r.Sla)
        {
            sla.AddRow(CliNames.WorkOrderPriorities.NameOf(s.Urgency), Display.Number(s.Orders), Display.Number(s.Met), s.Orders == 0 ? Display.Nothing : $"{Decimal(100.0 * s.Met / s.Orders)} %");
        }

        var top = new TextTable("EQUIPMENT", "WORK ORDERS", "ALARMS").AlignRight(1).AlignRight(2);
        foreach (var e in r.TopEquipment) top.AddRow(e.EquipmentId, Display.Number(e.WorkOrders), Display.Number(e.AlarmActivations));

        string proposals = r.Proposals.Count == 0 ? "\nImprovement proposals: none\n"
            : "\nImprovement proposals:\n" + string.Concat(r.Proposals.Select((p, i) => $"{i + 1}. {p}\n"));

        return facts.Render()
            + "\n" + targets.Render()
            + Section("SLA compliance by urgency class", sla)
            + Section("Top faulting equipment", top)
            + proposals;
    }

    private static string Chart(ControlChart c) =>
        !c.HasMean ? "no order reached this step"
        : $"mean {Decimal(c.Mean)} min over {c.Points.Count} orders"
            + (c.HasUcl ? $", UCL {Decimal(c.Ucl)}, LCL {Decimal(c.Lcl)}, {c.Points.Count(p => p.Outside)} outside" : "");

    private static string Mean(MeanTime m, string counted, string pending) =>
        (m.Mean is null ? $"none {counted}" : $"{Durations.Format(m.Mean.ToTimeSpan())} over {m.Count} {counted}") + (m.Pending > 0 ? $", {m.Pending} {pending}" : "");

    private static string Status(TargetResult t) => t.Status switch
    {
        TargetStatus.Met => "met",
        TargetStatus.NotMet => "NOT MET",
        _ => t.NoDataText,
    };

    private static string Section(string title, TextTable table) =>
        table.RowCount == 0 ? $"\n{title}: none\n" : $"\n{title}:\n{table.Render()}";

    private static string Decimal(double value) => FacilityHub.Domain.Reports.MonthlyReportPage.Number(value);
}
