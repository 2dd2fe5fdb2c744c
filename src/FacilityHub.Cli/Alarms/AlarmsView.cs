using FacilityHub.Api.V1;
using FacilityHub.Cli.CommandLine;
using FacilityHub.Cli.Output;

namespace FacilityHub.Cli.Alarms;

/// <summary>Alarms as a table, in the order the hub sent them (newest first).</summary>
public static class AlarmsView
{
    public static string Render(IReadOnlyList<Alarm> alarms)
    {
        var table = new TextTable(
            "RAISED AT", "PRIORITY", "STATE", "CONDITION", "ALARM", "FAULT", "CLEARED AT", "WORK ORDER", "MESSAGE");
        foreach (var alarm in alarms)
        {
            table.AddRow(
                Display.Time(alarm.RaisedAt),
                CliNames.AlarmPriorities.NameOf(alarm.Priority),
                State(alarm),
                alarm.ConditionActive ? "active" : "clear",
                alarm.AlarmId,
                Display.Text(alarm.FaultCode),
                Display.Time(alarm.ClearedAt),
                Display.Text(alarm.WorkOrderId),
                alarm.Message);
        }

        return table.Render();
    }

    /// <summary>One alarm with its record (fhub alarms show).</summary>
    public static string RenderOne(Alarm alarm)
    {
        var facts = TextTable.WithoutHeader(2)
            .AddRow("Alarm", alarm.AlarmId)
            .AddRow("Equipment", $"{alarm.EquipmentId} ({alarm.SiteId} / {alarm.BuildingId})")
            .AddRow("Rule", $"{alarm.RuleId} ({Display.Text(alarm.FaultCode)})")
            .AddRow("Priority", CliNames.AlarmPriorities.NameOf(alarm.Priority))
            .AddRow("State", State(alarm))
            .AddRow("Condition", alarm.ConditionActive ? "active" : "clear")
            .AddRow("Raised at", Display.Time(alarm.RaisedAt))
            .AddRow("Cleared at", Display.Time(alarm.ClearedAt))
            .AddRow("Work order", Display.Text(alarm.WorkOrderId))
            .AddRow("Message", Display.Text(alarm.Message));
        var history = new TextTable("AT", "FROM", "TO", "CAUSE", "BY", "NOTE");
        foreach (var step in alarm.History)
        {
            history.AddRow(Display.Time(step.At), CliNames.AlarmStates.NameOf(step.From), CliNames.AlarmStates.NameOf(step.To),
                step.Cause, step.Actor, Display.Text(step.Note));
        }
        return facts.Render() + "\n" + history.Render();
    }

    /// <summary>One update of a watch as a line: "#12 2026-11-25 10:00:03Z active_unack emergency ALARM message".</summary>
    public static string Line(AlarmUpdate update)
    {
        var a = update.Alarm;
        string kind = update.Snapshot ? "now" : "change";
        return $"#{update.Sequence} {kind} {State(a)} {CliNames.AlarmPriorities.NameOf(a.Priority)} {a.AlarmId} " +
            $"condition={(a.ConditionActive ? "active" : "clear")} raised={Display.Time(a.RaisedAt)} {a.Message}";
    }

    /// <summary>The lifecycle state; a shelved alarm shows until when.</summary>
    private static string State(Alarm alarm) =>
        alarm.State == AlarmState.Shelved && alarm.ShelvedUntil is not null
            ? $"shelved until {Display.Time(alarm.ShelvedUntil)}"
            : CliNames.AlarmStates.NameOf(alarm.State);
}
