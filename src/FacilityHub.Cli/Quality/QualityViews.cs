using FacilityHub.Api.V1;
using FacilityHub.Cli.CommandLine;
using FacilityHub.Cli.Output;

namespace FacilityHub.Cli.Quality;

/// <summary>Due rounds, inspections, nonconformances and complaints as tables.</summary>
public static class QualityViews
{
    public static string DueRounds(IEnumerable<DueRound> rounds)
    {
        var table = new TextTable("DUE", "STATUS", "LEVEL", "SITE", "BUILDING", "CHECKLIST", "LAST DONE");
        foreach (var r in rounds)
        {
            table.AddRow(Display.Time(r.DueAt), r.Overdue ? "OVERDUE" : "due", CliNames.InspectionLevels.NameOf(r.Level), r.SiteId, r.BuildingId, r.ChecklistId, Display.Time(r.LastDoneAt));
        }
        return table.Render();
    }

    public static string Inspections(IEnumerable<Inspection> inspections)
    {
        var table = new TextTable("INSPECTION", "AT", "LEVEL", "BUILDING", "CHECKLIST", "INSPECTOR", "RESPONSIBLE", "RESULT", "NONCONFORMANCES");
        foreach (var i in inspections)
        {
            int failed = i.Items.Count(c => c.Result == ItemResult.Fail);
            int na = i.Items.Count(c => c.Result == ItemResult.NotApplicable);
            table.AddRow(i.InspectionId, Display.Time(i.InspectedAt), CliNames.InspectionLevels.NameOf(i.Level), i.BuildingId, i.ChecklistId, i.Inspector, i.Responsible,
                $"{i.Items.Count - failed - na} pass, {failed} fail, {na} n/a", i.NonconformanceIds.Count == 0 ? Display.Nothing : string.Join(" ", i.NonconformanceIds));
        }
        return table.Render();
    }

    public static string Nonconformances(IEnumerable<Nonconformance> nonconformances)
    {
        var table = new TextTable("NONCONFORMANCE", "RAISED", "SEVERITY", "CATEGORY", "STATE", "OWNER", "DUE", "ESCALATED", "DESCRIPTION");
        foreach (var n in nonconformances)
        {
            table.AddRow(n.NonconformanceId, Display.Time(n.RaisedAt), CliNames.NonconformanceSeverities.NameOf(n.Severity), n.Category,
                CliNames.NonconformanceStates.NameOf(n.State), Display.Text(n.ActionOwner), Display.Time(n.ActionDue),
                n.EscalatedAt is null ? Display.Nothing : $"ESCALATED {Display.Time(n.EscalatedAt)}", Display.Text(n.Description));
        }
        return table.Render();
    }

    public static string Nonconformance(Nonconformance n)
    {
        var table = new TextTable("AT", "BY", "STEP", "NOTE");
        foreach (var s in n.Steps) table.AddRow(Display.Time(s.At), s.Actor, s.What, Display.Text(s.Note));
        return Nonconformances([n]) + table.Render();
    }

    public static string Complaints(IEnumerable<Complaint> complaints)
    {
        var table = new TextTable("COMPLAINT", "RECEIVED", "CATEGORY", "SUBJECT", "ANSWERED", "IN 24H", "BY", "ANSWER");
        foreach (var c in complaints)
        {
            table.AddRow(c.ComplaintId, Display.Time(c.ReceivedAt), c.Category, Display.Text(c.Subject), Display.Time(c.AnsweredAt),
                c.AnsweredAt is null ? Display.Nothing : c.AnsweredInTime ? "yes" : "NO", Display.Text(c.AnsweredBy), Display.Text(c.Answer));
        }
        return table.Render();
    }
}
