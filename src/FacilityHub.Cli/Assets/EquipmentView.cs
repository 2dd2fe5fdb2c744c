using System.Text;
using FacilityHub.Api.V1;
using FacilityHub.Cli.Alarms;
using FacilityHub.Cli.Output;

namespace FacilityHub.Cli.Assets;

/// <summary>One equipment item: its details, latest readings and the alarms active on it.</summary>
public static class EquipmentView
{
    public static string Render(Equipment item, IReadOnlyList<Alarm> activeAlarms)
    {
        var text = new StringBuilder();
        text.Append(TextTable.WithoutHeader(2)
            .AddRow("Equipment", item.EquipmentId)
            .AddRow("Name", Display.Text(item.Name))
            .AddRow("Kind", Display.Text(item.Kind))
            .AddRow("Site", Display.Text(item.SiteId))
            .AddRow("Building", Display.Text(item.BuildingId))
            .AddRow("Location", Display.Text(item.Location))
            .AddRow("Last seen", Display.Time(item.LastSeen))
            .AddRow("Last event", Display.Text(item.LastEvent))
            .AddRow("Active alarms", Display.Number(item.ActiveAlarms))
            .Render());

        text.AppendLine();
        if (item.Readings.Count == 0)
        {
            text.AppendLine("No readings since the hub started.");
        }
        else
        {
            text.Append(Readings(item.Readings));
        }

        if (activeAlarms.Count > 0)
        {
            text.AppendLine();
            text.Append(AlarmsView.Render(activeAlarms));
        }

        return text.ToString();
    }

    public static string Readings(IReadOnlyList<Reading> readings)
    {
        var table = new TextTable("METRIC", "VALUE", "UNIT", "OBSERVED AT").AlignRight(1);
        foreach (var reading in readings)
        {
            table.AddRow(reading.Metric, Display.Number(reading.Value), reading.Unit, Display.Time(reading.ObservedAt));
        }

        return table.Render();
    }
}
