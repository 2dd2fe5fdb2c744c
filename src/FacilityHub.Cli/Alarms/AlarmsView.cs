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
            "RAISED AT", "PRIORITY", "STATE", "ALARM", "FAULT", "CLEARED AT", "WORK ORDER", "MESSAGE");
        foreach (var alarm in alarms)
        {
            table.AddRow(
                Display.Time(alarm.RaisedAt),
                CliNames.AlarmPriorities.NameOf(alarm.Priority),
                CliNames.AlarmStates.NameOf(alarm.State),
                alarm.AlarmId,
                Display.Text(alarm.FaultCode),
                Display.Time(alarm.ClearedAt),
                Display.Text(alarm.WorkOrderId),
                alarm.Message);
        }

        return table.Render();
    }
}
