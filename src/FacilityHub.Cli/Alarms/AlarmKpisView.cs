using System.Globalization;
using FacilityHub.Api.V1;
using FacilityHub.Cli.CommandLine;
using FacilityHub.Cli.Output;

namespace FacilityHub.Cli.Alarms;

/// <summary>A site's alarm KPIs: the figures, then the chattering, stale and most frequent alarms.</summary>
public static class AlarmKpisView
{
    public static string Render(AlarmKpis kpis)
    {
        var window = kpis.WindowEnd is null || kpis.WindowStart is null ? TimeSpan.Zero : kpis.WindowEnd.ToDateTimeOffset() - kpis.WindowStart.ToDateTimeOffset();
        var facts = TextTable.WithoutHeader(2)
            .AddRow("Site", kpis.SiteId)
            .AddRow("Window", $"{Display.Time(kpis.WindowStart)} to {Display.Time(kpis.WindowEnd)} ({Durations.Format(window)})")
            .AddRow("Activations", Display.Number(kpis.Activations))
            .AddRow("Average per 10 min", Decimal(kpis.AveragePer10Minutes))
            .AddRow("Busiest 10 min", kpis.PeakIntervalStart is null ? "0" : $"{kpis.PeakPer10Minutes} from {Display.Time(kpis.PeakIntervalStart)}")
            .AddRow("Last 10 min", Display.Number(kpis.Last10Minutes))
            .AddRow("Flood now", kpis.FloodActive ? "yes" : "no")
            .AddRow("Flood intervals", $"{kpis.FloodIntervals} (more than 10 activations in 10 min)")
            .AddRow("Floods", Display.Number(kpis.FloodPeriods))
            .AddRow("Time in flood", $"{Decimal(kpis.PercentTimeInFlood)} %");

        var chattering = new TextTable("ALARM", "ACTIVATIONS", "MOST IN 60 S", "LAST").AlignRight(1).AlignRight(2);
        foreach (var c in kpis.Chattering)
        {
            chattering.AddRow(c.AlarmTag, Display.Number(c.Activations), Display.Number(c.MaxIn60S), Display.Time(c.LastActivation));
        }

        var stale = new TextTable("ALARM", "RAISED AT", "ACTIVE FOR");
        foreach (var s in kpis.Stale)
        {
            stale.AddRow(s.AlarmId, Display.Time(s.RaisedAt), s.ActiveFor is null ? Display.Nothing : Durations.Format(s.ActiveFor.ToTimeSpan()));
        }

        var top = new TextTable("ALARM", "ACTIVATIONS", "SHARE").AlignRight(1).AlignRight(2);
        foreach (var f in kpis.TopTen)
        {
            top.AddRow(f.AlarmTag, Display.Number(f.Activations), $"{Decimal(f.PercentOfActivations)} %");
        }

        return facts.Render()
            + Section("Chattering alarms (3 or more activations within 60 s)", chattering)
            + Section("Stale alarms (active for more than 24 h)", stale)
            + Section("Most frequent alarms", top);
    }

    private static string Section(string title, TextTable table) =>
        table.RowCount == 0 ? $"\n{title}: none\n" : $"\n{title}:\n{table.Render()}";

    private static string Decimal(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);
}
