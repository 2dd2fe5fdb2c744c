using System.Globalization;
using System.Net;
using System.Text;

namespace FacilityHub.Domain.Reports;

/// <summary>
/// The monthly report as one self-contained HTML page: inline CSS, charts as inline SVG, no script and nothing fetched,
/// so it can be mailed or archived as it is. Sections follow DOMAIN.md's monthly report. Every text is escaped; the
/// report carries ids and figures only, never residents' data.
/// </summary>
public static class MonthlyReportPage
{
    private const string Css = """
        body{font-family:"Noto Sans","DejaVu Sans",Arial,sans-serif;margin:24px auto;max-width:980px;color:#1d2733;line-height:1.45}
        h1{font-size:24px;margin:0 0 4px}h2{font-size:18px;border-bottom:2px solid #d5dde6;padding-bottom:4px;margin-top:28px}
        h3{font-size:15px;margin:16px 0 4px}.sub{color:#5b6b7c}
        table{border-collapse:collapse;margin:8px 0;min-width:50%}th,td{border:1px solid #d5dde6;padding:4px 10px;text-align:left}
        th{background:#eef2f6}td.n{text-align:right;font-variant-numeric:tabular-nums}
        .met{color:#1b7a3d;font-weight:bold}.notmet{color:#b42318;font-weight:bold}.nodata{color:#6b7785;font-style:italic}
        .empty{color:#6b7785;font-style:italic}svg{display:block;margin:8px 0;background:#fff;border:1px solid #e3e8ee}
        ul{margin:6px 0 6px 20px;padding:0}li{margin:3px 0}dl{margin:6px 0}dt{font-weight:bold}dd{margin:0 0 6px 16px}
        """;

    public static string Render(MonthlyReport r)
    {
        var html = new StringBuilder(16_384);
        html.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>")
            .Append(E($"Monthly report {r.Month} - {r.SiteName}")).Append("</title>\n<style>").Append(Css).Append("</style>\n</head>\n<body>\n");
        html.Append("<h1>Monthly quality report: ").Append(E(r.SiteName)).Append("</h1>\n<p class=\"sub\">Site ").Append(E(r.SiteId))
            .Append(" · month ").Append(E(r.Month.ToString())).Append(" · made ").Append(E(Time(r.GeneratedAt))).Append("</p>\n");

        PeriodAndMethod(html, r);
        Summary(html, r);
        Problems(html, r);
        ControlCharts(html, r);
        SlaTable(html, r);
        Customers(html, r);
        Inspections(html, r);
        TopEquipment(html, r);
        Proposals(html, r);
        html.Append("</body>\n</html>\n");
        return html.ToString();
    }

    private static void PeriodAndMethod(StringBuilder html, MonthlyReport r)
    {
        html.Append("<h2 id=\"period\">1. Period and method</h2>\n<p>Period: ").Append(E(Time(r.PeriodStart))).Append(" to ").Append(E(Time(r.PeriodEnd)))
            .Append(r.Complete ? " (the whole month, UTC)." : " (the month so far, UTC: it is not over yet).").Append("</p>\n");
        html.Append("<p>Figures are computed by the hub from its own records: work orders raised by equipment faults and their progress from the dispatch system, alarm occurrences of the equipment's rules and their acknowledgements, follow-up calls recorded by customer service; inspections, nonconformances and complaints as recorded in the hub.</p>\n<dl>\n");
        Definition(html, "Response time", "from the order being raised (the fault reported) to its acceptance by the dispatch system.");
        Definition(html, "On-site time", "from the order being raised to staff first reporting on site.");
        Definition(html, "Control charts", "individuals and moving range (XmR): mean of the values; UCL and LCL = mean ± 2.66 × average moving range, LCL at least 0; points outside the limits are marked red.");
        Definition(html, "SLA compliance", "orders of the class raised in the month that kept every time limit (response, on site, resolution, appointment), from the breaches the hub recorded.");
        Definition(html, "MTTA", "mean time from an alarm occurrence being raised to its first acknowledgement, over the month's acknowledged alarms.");
        Definition(html, "MTTR", "mean time from the order being raised to the repair that stood (its last resolved report, not reopened since), over the month's repaired orders.");
        Definition(html, "Follow-up coverage", "orders whose repair was completed in the month that have a follow-up call recorded (target ≥ 20 %); a repair of the last 2 days not yet called is not judged yet.");
        html.Append("</dl>\n");
    }

    private static void Summary(StringBuilder html, MonthlyReport r)
    {
        html.Append("<h2 id=\"summary\">2. Results summary</h2>\n<table>\n<tr><th>Measure</th><th>Result</th><th>Target</th><th>Status</th></tr>\n");
        foreach (var t in r.Targets)
        {
            html.Append("<tr><td>").Append(E(t.Name)).Append("</td><td class=\"n\">").Append(E(Rate(t))).Append("</td><td class=\"n\">≥ ")
                .Append(E(Number(t.TargetPercent))).Append(" %</td><td>").Append(Status(t)).Append("</td></tr>\n");
        }
        html.Append("</table>\n<table>\n");
        Row(html, "Work orders raised", Count(r.WorkOrdersRaised));
        Row(html, "Alarm occurrences raised", Count(r.AlarmsRaised));
        Row(html, "MTTA (alarm raised → acknowledged)", MeanText(r.Mtta, "acknowledged", "not acknowledged"));
        Row(html, "MTTR (fault → repair that stood)", MeanText(r.Mttr, "repaired", "still open"));
        Row(html, "Mean response time", ChartMean(r.ResponseTimes));
        Row(html, "Mean on-site time", ChartMean(r.OnSiteTimes));
        Row(html, "Nonconformances", r.Nonconformances == 0 ? "none recorded" : Count(r.Nonconformances));
        html.Append("</table>\n");
    }

    private static void Problems(StringBuilder html, MonthlyReport r)
    {
        html.Append("<h2 id=\"problems\">3. Problems by category</h2>\n");
        if (r.Pareto.Count == 0)
        {
            html.Append("<p class=\"empty\">No nonconformance data recorded for this month.</p>\n");
            return;
        }
        html.Append("<table>\n<tr><th>Category</th><th>Findings</th><th>Share</th><th>Cumulative</th></tr>\n");
        foreach (var c in r.Pareto)
        {
            html.Append("<tr><td>").Append(E(c.Category)).Append("</td><td class=\"n\">").Append(c.Count.ToString(CultureInfo.InvariantCulture))
                .Append("</td><td class=\"n\">").Append(Number(c.Percent)).Append(" %</td><td class=\"n\">").Append(Number(c.CumulativePercent)).Append(" %</td></tr>\n");
        }
        html.Append("</table>\n<h3>Pareto chart</h3>\n");
        ParetoChart(html, r.Pareto);
    }

    private static void ControlCharts(StringBuilder html, MonthlyReport r)
    {
        html.Append("<h2 id=\"control-charts\">4. Control charts</h2>\n");
        foreach (var chart in new[] { r.ResponseTimes, r.OnSiteTimes })
        {
            html.Append("<h3>").Append(E(chart.Title)).Append(", minutes</h3>\n");
            if (chart.Points.Count == 0)
            {
                html.Append("<p class=\"empty\">No order reached this step in the month.</p>\n");
                continue;
            }
            html.Append("<p>").Append(chart.Points.Count).Append(" orders · mean ").Append(Number(chart.Mean!.Value));
            if (chart.Ucl is { } ucl) html.Append(" · UCL ").Append(Number(ucl)).Append(" · LCL ").Append(Number(chart.Lcl!.Value)).Append(" · average moving range ").Append(Number(chart.AverageMovingRange!.Value));
            else html.Append(" · limits need at least two orders");
            html.Append(" · outside the limits: ").Append(chart.OutsideCount).Append("</p>\n");
            ControlChartSvg(html, chart);
        }
    }

    private static void SlaTable(StringBuilder html, MonthlyReport r)
    {
        html.Append("<h2 id=\"sla\">5. SLA compliance by urgency class</h2>\n");
        if (r.Sla.Count == 0)
        {
            html.Append("<p class=\"empty\">No work order was raised this month.</p>\n");
            return;
        }
        html.Append("<table>\n<tr><th>Class</th><th>Orders</th><th>Within limits</th><th>Compliance</th><th>Limits missed</th></tr>\n");
        foreach (var s in r.Sla)
        {
            string missed = s.BreachesByClock.Count == 0 ? "none" : string.Join(", ", s.BreachesByClock.Select(b => $"{MonthlyReportCalculator.ClockName(b.Key)}: {b.Value}"));
            html.Append("<tr><td>").Append(E(s.Urgency.ToString())).Append("</td><td class=\"n\">").Append(s.Orders).Append("</td><td class=\"n\">").Append(s.Met)
                .Append("</td><td class=\"n ").Append(s.Met == s.Orders ? "met" : "notmet").Append("\">").Append(Number(s.PercentMet!.Value)).Append(" %</td><td>")
                .Append(E(missed)).Append("</td></tr>\n");
        }
        html.Append("</table>\n");
    }

    private static void Customers(StringBuilder html, MonthlyReport r)
    {
        html.Append("<h2 id=\"customers\">6. Follow-up calls, satisfaction and complaints</h2>\n<table>\n<tr><th>Measure</th><th>Count</th><th>Result</th><th>Target</th><th>Status</th></tr>\n");
        foreach (var t in new[] { r.FollowUpCoverage, r.Satisfaction, r.ComplaintsAnsweredIn24h })
        {
            html.Append("<tr><td>").Append(E(t.Name)).Append("</td><td class=\"n\">").Append(t.Total == 0 ? "" : $"{t.Count} of {t.Total}")
                .Append("</td><td class=\"n\">").Append(E(Rate(t))).Append("</td><td class=\"n\">≥ ").Append(Number(t.TargetPercent)).Append(" %</td><td>")
                .Append(Status(t)).Append("</td></tr>\n");
        }
        html.Append("</table>\n");
    }

    private static void Inspections(StringBuilder html, MonthlyReport r)
    {
        html.Append("<h2 id=\"inspections\">7. Inspections done against planned</h2>\n");
        if (r.Inspections.Count == 0)
        {
            html.Append("<p class=\"empty\">No inspection data recorded for this month.</p>\n");
            return;
        }
        html.Append("<table>\n<tr><th>Level</th><th>Planned</th><th>Done</th><th>Done %</th></tr>\n");
        foreach (var i in r.Inspections)
        {
            html.Append("<tr><td>").Append(E(i.Level)).Append("</td><td class=\"n\">").Append(i.Planned).Append("</td><td class=\"n\">").Append(i.Done)
                .Append("</td><td class=\"n ").Append(i.Done >= i.Planned ? "met" : "notmet").Append("\">").Append(i.PercentDone is { } p ? Number(p) + " %" : "-").Append("</td></tr>\n");
        }
        html.Append("</table>\n");
    }

    private static void TopEquipment(StringBuilder html, MonthlyReport r)
    {
        html.Append("<h2 id=\"equipment\">8. Top faulting equipment</h2>\n");
        if (r.TopEquipment.Count == 0)
        {
            html.Append("<p class=\"empty\">No equipment raised an alarm or a work order this month.</p>\n");
            return;
        }
        html.Append("<table>\n<tr><th>Equipment</th><th>Work orders</th><th>Alarm activations</th></tr>\n");
        foreach (var e in r.TopEquipment)
        {
            html.Append("<tr><td>").Append(E(e.EquipmentId)).Append("</td><td class=\"n\">").Append(e.WorkOrders).Append("</td><td class=\"n\">").Append(e.AlarmActivations).Append("</td></tr>\n");
        }
        html.Append("</table>\n");
    }

    private static void Proposals(StringBuilder html, MonthlyReport r)
    {
        html.Append("<h2 id=\"proposals\">9. Improvement proposals</h2>\n");
        if (r.Proposals.Count == 0)
        {
            html.Append("<p>Every target with data was met and no point lies outside the control limits: keep the current practice.</p>\n");
        }
        else
        {
            html.Append("<ul>\n");
            foreach (var p in r.Proposals) html.Append("<li>").Append(E(p)).Append("</li>\n");
            html.Append("</ul>\n");
        }
        var noData = r.Targets.Where(t => t.Status == TargetStatus.NoData).Select(t => $"{t.Name}: {t.NoDataText}").ToList();
        if (noData.Count > 0)
        {
            html.Append("<p class=\"nodata\">Not judged for lack of data: ").Append(E(string.Join("; ", noData))).Append(".</p>\n");
        }
    }

    private static void ParetoChart(StringBuilder html, IReadOnlyList<ParetoCategory> bars)
    {
        const double W = 720, H = 320, L = 56, R = 56, T = 20, B = 90;
        double plotW = W - L - R, plotH = H - T - B;
        int max = bars.Max(b => b.Count);
        double slot = plotW / bars.Count;
        double Y(double count) => T + plotH - (plotH * count / max);
        double P(double percent) => T + plotH - (plotH * percent / 100);

        html.Append(Svg(W, H, "Pareto chart of nonconformances by category"));
        Axes(html, L, T, plotW, plotH);
        foreach (int tick in Ticks(max)) html.Append(Text(L - 6, Y(tick) + 4, tick.ToString(CultureInfo.InvariantCulture), "end"));
        foreach (int pct in new[] { 0, 20, 40, 60, 80, 100 }) html.Append(Text(L + plotW + 6, P(pct) + 4, pct + " %", "start"));
        html.Append(Line(L, P(80), L + plotW, P(80), "#d97706", "6 4", "pareto-80")).Append(Text(L + plotW - 4, P(80) - 5, "80 %", "end", "#d97706"));
        var line = new StringBuilder();
        for (int i = 0; i < bars.Count; i++)
        {
            double x = L + i * slot + slot * 0.15, w = slot * 0.7, cx = L + (i + 0.5) * slot;
            html.Append(F($"<rect class=\"pareto-bar\" x=\"{x}\" y=\"{Y(bars[i].Count)}\" width=\"{w}\" height=\"{T + plotH - Y(bars[i].Count)}\" fill=\"#4a78b0\"><title>"))
                .Append(E($"{bars[i].Category}: {bars[i].Count}")).Append("</title></rect>\n");
            html.Append(Text(cx, Y(bars[i].Count) - 4, bars[i].Count.ToString(CultureInfo.InvariantCulture), "middle"));
            html.Append(F($"<text x=\"{cx}\" y=\"{T + plotH + 14}\" font-size=\"11\" text-anchor=\"end\" transform=\"rotate(-35 {cx} {T + plotH + 14})\">"))
                .Append(E(bars[i].Category)).Append("</text>\n");
            line.Append(F($"{cx},{P(bars[i].CumulativePercent)} "));
        }
        html.Append("<polyline class=\"pareto-cumulative\" points=\"").Append(line.ToString().TrimEnd()).Append("\" fill=\"none\" stroke=\"#b42318\" stroke-width=\"2\"/>\n");
        for (int i = 0; i < bars.Count; i++)
        {
            html.Append(F($"<circle cx=\"{L + (i + 0.5) * slot}\" cy=\"{P(bars[i].CumulativePercent)}\" r=\"3.5\" fill=\"#b42318\"/>\n"));
        }
        html.Append(Text(16, T + plotH / 2, "findings", "middle", "#1d2733", rotate: true));
        html.Append(Text(W - 12, T + plotH / 2, "cumulative %", "middle", "#b42318", rotate: true));
        html.Append("</svg>\n");
    }

    private static void ControlChartSvg(StringBuilder html, ControlChart chart)
    {
        const double W = 720, H = 280, L = 56, R = 96, T = 20, B = 40;
        double plotW = W - L - R, plotH = H - T - B;
        double top = new[] { chart.Points.Max(p => p.Value), chart.Ucl ?? 0, chart.Mean ?? 0 }.Max();
        top = NiceCeiling(top <= 0 ? 1 : top * 1.1);
        const double Pad = 14; // keeps the first and last points off the axis
        double step = chart.Points.Count == 1 ? 0 : (plotW - 2 * Pad) / (chart.Points.Count - 1);
        double X(int i) => chart.Points.Count == 1 ? L + plotW / 2 : L + Pad + i * step;
        double Y(double v) => T + plotH - (plotH * v / top);

        html.Append(Svg(W, H, chart.Title + " control chart"));
        Axes(html, L, T, plotW, plotH);
        foreach (double tick in new[] { 0, top / 4, top / 2, top * 3 / 4, top }) html.Append(Text(L - 6, Y(tick) + 4, tick.ToString("0.####", CultureInfo.InvariantCulture), "end"));
        if (chart.Ucl is { } ucl)
        {
            html.Append(Line(L, Y(ucl), L + plotW, Y(ucl), "#b42318", "6 4", "ucl")).Append(Text(L + plotW + 6, Y(ucl) + 4, "UCL " + Number(ucl), "start", "#b42318"));
            html.Append(Line(L, Y(chart.Lcl!.Value), L + plotW, Y(chart.Lcl.Value), "#b42318", "6 4", "lcl")).Append(Text(L + plotW + 6, Y(chart.Lcl.Value) + 4, "LCL " + Number(chart.Lcl.Value), "start", "#b42318"));
        }
        html.Append(Line(L, Y(chart.Mean!.Value), L + plotW, Y(chart.Mean.Value), "#1b7a3d", null, "mean")).Append(Text(L + plotW + 6, Y(chart.Mean.Value) + 4, "mean " + Number(chart.Mean.Value), "start", "#1b7a3d"));
        if (chart.Points.Count > 1)
        {
            html.Append("<polyline points=\"").Append(string.Join(" ", chart.Points.Select((p, i) => F($"{X(i)},{Y(p.Value)}")))).Append("\" fill=\"none\" stroke=\"#4a78b0\" stroke-width=\"1.5\"/>\n");
        }
        for (int i = 0; i < chart.Points.Count; i++)
        {
            var p = chart.Points[i];
            html.Append(F($"<circle class=\"{(p.Outside ? "point outside" : "point")}\" cx=\"{X(i)}\" cy=\"{Y(p.Value)}\" r=\"{(p.Outside ? 6 : 4)}\" fill=\"{(p.Outside ? "#b42318" : "#4a78b0")}\"><title>"))
                .Append(E($"{p.Label} at {Time(p.At)}: {Number(p.Value)} min")).Append("</title></circle>\n");
        }
        html.Append(Text(L + plotW / 2, H - 10, $"orders in time raised (1 to {chart.Points.Count})", "middle"));
        html.Append(Text(16, T + plotH / 2, "minutes", "middle", "#1d2733", rotate: true));
        html.Append("</svg>\n");
    }

    private static string Svg(double w, double h, string label) =>
        F($"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{w}\" height=\"{h}\" viewBox=\"0 0 {w} {h}\" role=\"img\" aria-label=\"") + E(label) + "\">\n";

    private static void Axes(StringBuilder html, double l, double t, double w, double h) =>
        html.Append(Line(l, t, l, t + h, "#5b6b7c", null, null)).Append(Line(l, t + h, l + w, t + h, "#5b6b7c", null, null));

    private static string Line(double x1, double y1, double x2, double y2, string color, string? dash, string? cls) =>
        F($"<line{(cls is null ? "" : $" class=\"{cls}\"")} x1=\"{x1}\" y1=\"{y1}\" x2=\"{x2}\" y2=\"{y2}\" stroke=\"{color}\" stroke-width=\"1.5\"{(dash is null ? "" : $" stroke-dasharray=\"{dash}\"")}/>\n");

    private static string Text(double x, double y, string text, string anchor, string color = "#1d2733", bool rotate = false) =>
        F($"<text x=\"{x}\" y=\"{y}\" font-size=\"11\" fill=\"{color}\" text-anchor=\"{anchor}\"{(rotate ? F($" transform=\"rotate(-90 {x} {y})\"") : "")}>") + E(text) + "</text>\n";

    private static IEnumerable<int> Ticks(int max)
    {
        int step = Math.Max(1, (int)Math.Ceiling(max / 5.0));
        for (int v = 0; v <= max; v += step) yield return v;
    }

    private static double NiceCeiling(double v)
    {
        double magnitude = Math.Pow(10, Math.Floor(Math.Log10(v)));
        foreach (double m in new[] { 1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10 })
        {
            if (m * magnitude >= v) return m * magnitude;
        }
        return 10 * magnitude;
    }

    private static void Definition(StringBuilder html, string term, string text) =>
        html.Append("<dt>").Append(E(term)).Append("</dt><dd>").Append(E(text)).Append("</dd>\n");

    private static void Row(StringBuilder html, string name, string value) =>
        html.Append("<tr><td>").Append(E(name)).Append("</td><td class=\"n\">").Append(E(value)).Append("</td></tr>\n");

    private static string Status(TargetResult t) => t.Status switch
    {
        TargetStatus.Met => "<span class=\"met\">met</span>",
        TargetStatus.NotMet => "<span class=\"notmet\">not met</span>",
        _ => "<span class=\"nodata\">" + E(t.NoDataText) + "</span>",
    };

    private static string Rate(TargetResult t) => t.Percent is { } p ? $"{Number(p)} % ({t.Count} of {t.Total})" : "-";

    private static string MeanText(MeanTime m, string counted, string pending) =>
        (m.Mean is { } mean ? $"{Duration(mean)} over {m.Count} {counted}" : $"none {counted}") + (m.Pending > 0 ? $", {m.Pending} {pending}" : "");

    private static string ChartMean(ControlChart c) => c.Mean is { } m ? $"{Number(m)} min over {c.Points.Count} orders" : "-";

    public static string Duration(TimeSpan span) =>
        span.TotalDays >= 1 ? $"{(int)span.TotalDays} d {span.Hours} h {span.Minutes} min"
        : span.TotalHours >= 1 ? $"{(int)span.TotalHours} h {span.Minutes} min"
        : span.TotalMinutes >= 1 ? $"{(int)span.TotalMinutes} min {span.Seconds} s"
        : $"{span.TotalSeconds.ToString("0.#", CultureInfo.InvariantCulture)} s";

    private static string Count(int n) => n.ToString(CultureInfo.InvariantCulture);

    /// <summary>A figure for people: two decimals from 1 up, two significant digits below (an order accepted in
    /// 0.3 s is 0.005 min, not "0").</summary>
    public static string Number(double v) =>
        Math.Abs(v) >= 1 || v == 0 ? v.ToString("0.##", CultureInfo.InvariantCulture)
        : Math.Round(v, 1 - (int)Math.Floor(Math.Log10(Math.Abs(v))), MidpointRounding.AwayFromZero).ToString("0.##########", CultureInfo.InvariantCulture);

    private static string Time(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-dd HH:mm'Z'", CultureInfo.InvariantCulture);

    private static string E(string text) => WebUtility.HtmlEncode(text);

    /// <summary>Numbers in SVG attributes: invariant culture, two decimals at most.</summary>
    private static string F(FormattableString s) => string.Format(CultureInfo.InvariantCulture, s.Format,
        s.GetArguments().Select(a => a is double d ? Math.Round(d, 2) : a).ToArray());
}
