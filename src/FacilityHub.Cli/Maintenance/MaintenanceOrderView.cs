using System.Globalization;
using System.Text;
using FacilityHub.Api.V1;
using FacilityHub.Cli.Output;

namespace FacilityHub.Cli.Maintenance;

/// <summary>A team's week and single engineering orders. Visits are shown in the team's local time, as the team plans
/// them (UTC when the zone is unknown here).</summary>
public static class MaintenanceOrderView
{
    public static string RenderWeek(TeamWeek week)
    {
        var text = new StringBuilder();
        var t = week.Team;
        text.AppendLine(CultureInfo.InvariantCulture, $"Team {t.Id} ({t.Name}), skill {t.Skill}: week of {week.WeekStart}, {string.Join(",", t.WorkingDays)} {t.Hours} {t.TimeZone}, {t.Capacity} at a time");
        if (week.Orders.Count == 0)
        {
            text.AppendLine("No visits booked this week.");
            return text.ToString();
        }
        var zone = Zone(t.TimeZone);
        var table = new TextTable("VISIT", "UNTIL", "ORDER", "WORK", "EQUIPMENT", "STATUS", "SLA");
        foreach (var o in week.Orders)
        {
            table.AddRow(Local(o.VisitStart, zone, "ddd yyyy-MM-dd HH:mm"), Local(o.VisitEnd, zone, "HH:mm"), o.Id, o.Title, o.EquipmentId, Status(o.Status),
                o.SlaBreaches.Count == 0 ? "ok" : string.Join(",", o.SlaBreaches.Select(b => Clock(b.Clock))));
        }
        text.Append(table.Render());
        return text.ToString();
    }

    public static string RenderOne(MaintenanceOrder o)
    {
        var text = new StringBuilder();
        var head = TextTable.WithoutHeader(2)
            .AddRow("Order", o.Id)
            .AddRow("Work", o.Title);
        if (o.ServiceKind == HomeAlarmServiceKind.Unspecified)
        {
            head.AddRow("Plan", $"{o.PlanId} ({o.Schedule})").AddRow("Due", o.Occurrence);
        }
        else
        {
            head.AddRow("Requested", $"by {Display.Text(o.RequestedBy)} {Display.Time(o.CreatedAt)}, preferred from {Display.Time(o.DueAt)}")
                .AddRow("Description", Display.Text(o.Description));
        }
        text.Append(head
            .AddRow("Equipment", $"{o.EquipmentId} ({o.SiteId}/{o.BuildingId})")
            .AddRow("Team", o.TeamId)
            .AddRow("Status", Status(o.Status))
            .AddRow("Visit", $"{Display.Time(o.VisitStart)} - {Display.Time(o.VisitEnd)}" + (o.Reschedules > 0 ? $" (moved {o.Reschedules}x)" : "")
                + (o.NoAccessVisits > 0 ? $", nobody home {o.NoAccessVisits}x" : ""))
            .AddRow("Started", Display.Time(o.StartedAt))
            .AddRow("Completed", Display.Time(o.CompletedAt))
            .AddRow("Findings", Display.Text(o.Findings))
            .AddRow("Parts used", o.Parts.Count == 0 ? Display.Nothing : string.Join(", ", o.Parts.Select(p => $"{p.Part} x {Display.Number(p.Quantity)}")))
            .AddRow("SLA breaches", o.SlaBreaches.Count == 0 ? "none" : string.Join(", ", o.SlaBreaches.Select(b => $"{Clock(b.Clock)} due {Display.Time(b.Due)}")))
            .Render());
        text.AppendLine();
        var steps = new TextTable("AT", "ACTOR", "WHAT");
        foreach (var s in o.Steps) steps.AddRow(Display.Time(s.At), s.Actor, s.What);
        text.Append(steps.Render());
        return text.ToString();
    }

    private static string Status(MaintenanceOrderStatus s) => s switch
    {
        MaintenanceOrderStatus.Scheduled => "scheduled",
        MaintenanceOrderStatus.InProgress => "in_progress",
        MaintenanceOrderStatus.Completed => "completed",
        _ => "unspecified",
    };

    private static string Clock(SlaClock c) => c switch
    {
        SlaClock.Appointment => "appointment_missed",
        SlaClock.OnSite => "on_site",
        SlaClock.Resolution => "resolution",
        SlaClock.Response => "response",
        _ => "unspecified",
    };

    private static TimeZoneInfo Zone(string id)
    {
        try { return TimeZoneInfo.FindSystemTimeZoneById(id); }
        catch (Exception e) when (e is TimeZoneNotFoundException or InvalidTimeZoneException) { return TimeZoneInfo.Utc; }
    }

    private static string Local(Google.Protobuf.WellKnownTypes.Timestamp? at, TimeZoneInfo zone, string format) =>
        at is null ? Display.Nothing : TimeZoneInfo.ConvertTime(at.ToDateTimeOffset(), zone).ToString(format, CultureInfo.InvariantCulture);
}
