using System.Text;
using FacilityHub.Api.V1;
using FacilityHub.Cli.CommandLine;
using FacilityHub.Cli.Output;

namespace FacilityHub.Cli.WorkOrders;

/// <summary>Work orders as a table, and one work order with its steps.</summary>
public static class WorkOrdersView
{
    public static string Render(IReadOnlyList<WorkOrder> workOrders)
    {
        var table = new TextTable(
            "CREATED AT", "WORK ORDER", "PRIORITY", "STATUS", "EQUIPMENT", "FAULT", "DISPATCH ID", "ATTEMPTS")
            .AlignRight(7);
        foreach (var order in workOrders)
        {
            table.AddRow(
                Display.Time(order.CreatedAt),
                order.WorkOrderId,
                CliNames.WorkOrderPriorities.NameOf(order.Priority),
                CliNames.WorkOrderStatuses.NameOf(order.Status),
                order.EquipmentId,
                Display.Text(order.FaultCode),
                Display.Text(order.DispatchOrderId),
                Display.Number(order.SendAttempts));
        }

        return table.Render();
    }

    /// <summary>The end-of-day list: what each order waits for and when it should be done (overdue marked).</summary>
    public static string RenderUnsigned(IReadOnlyList<UnsignedWorkOrder> rows)
    {
        var table = new TextTable("CREATED AT", "WORK ORDER", "PRIORITY", "STATUS", "EQUIPMENT", "REASON", "EXPECTED COMPLETION");
        foreach (var row in rows)
        {
            var order = row.WorkOrder;
            string expected = row.ExpectedCompletion is null ? "-" : Display.Time(row.ExpectedCompletion) + (row.Overdue ? " (overdue)" : "");
            table.AddRow(
                Display.Time(order.CreatedAt),
                order.WorkOrderId,
                CliNames.WorkOrderPriorities.NameOf(order.Priority),
                CliNames.WorkOrderStatuses.NameOf(order.Status),
                order.EquipmentId,
                Display.Text(row.Reason),
                expected);
        }

        return table.Render();
    }

    public static string RenderOne(WorkOrder order)
    {
        var text = new StringBuilder();
        text.Append(TextTable.WithoutHeader(2)
            .AddRow("Work order", order.WorkOrderId)
            .AddRow("Status", CliNames.WorkOrderStatuses.NameOf(order.Status))
            .AddRow("Priority", CliNames.WorkOrderPriorities.NameOf(order.Priority))
            .AddRow("Created at", Display.Time(order.CreatedAt))
            .AddRow("Site", Display.Text(order.SiteId))
            .AddRow("Building", Display.Text(order.BuildingId))
            .AddRow("Equipment", Display.Text(order.EquipmentId))
            .AddRow("Fault", Display.Text(order.FaultCode))
            .AddRow("Alarm", Display.Text(order.AlarmId))
            .AddRow("Description", Display.Text(order.Description))
            .AddRow("Dispatch id", Display.Text(order.DispatchOrderId))
            .AddRow("Send attempts", Display.Number(order.SendAttempts))
            .AddRow("Last error", Display.Text(order.LastError))
            .AddRow("Appointment", Display.Time(order.Appointment))
            .AddRow("Pending updates", Display.Number(order.PendingUpdates))
            .AddRow("Verify due", Display.Time(order.VerificationDue))
            .AddRow("Follow-up due", Display.Time(order.FollowUpDue))
            .AddRow("SLA breaches", order.SlaBreaches.Count == 0 ? "none" : string.Join(", ", order.SlaBreaches.Select(b => $"{b.Clock} due {Display.Time(b.Due)}")))
            .Render());

        text.AppendLine();
        if (order.Steps.Count == 0)
        {
            text.AppendLine("No steps yet.");
            return text.ToString();
        }

        var steps = new TextTable("AT", "STATUS", "ACTOR", "NOTE");
        foreach (var step in order.Steps)
        {
            steps.AddRow(Display.Time(step.At), CliNames.WorkOrderStatuses.NameOf(step.Status), Display.Text(step.Actor), step.Note);
        }

        text.Append(steps.Render());
        return text.ToString();
    }
}
