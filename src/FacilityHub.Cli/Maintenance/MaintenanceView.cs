using FacilityHub.Api.V1;
using FacilityHub.Cli.Output;

namespace FacilityHub.Cli.Maintenance;

/// <summary>Maintenance windows as a table.</summary>
internal static class MaintenanceView
{
    public static string Render(IEnumerable<MaintenanceWindow> windows)
    {
        var table = new TextTable("EQUIPMENT", "BUILDING", "STARTED", "ENDS", "BY", "REASON", "ENDED");
        foreach (var w in windows)
        {
            table.AddRow(w.EquipmentId, w.BuildingId, Display.Time(w.StartedAt), Display.Time(w.EndsAt), w.StartedBy, Display.Text(w.Reason),
                w.EndedAt is null ? Display.Text(null) : $"{Display.Time(w.EndedAt)} by {w.EndedBy}");
        }
        return table.Render();
    }
}
