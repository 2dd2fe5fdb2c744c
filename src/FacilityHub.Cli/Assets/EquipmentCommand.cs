using System.CommandLine;
using FacilityHub.Api.V1;
using FacilityHub.Cli.Output;

namespace FacilityHub.Cli.Assets;

/// <summary>fhub equipment show ID, fhub equipment contact ID</summary>
internal static class EquipmentCommand
{
    public static Command Create(CliContext context)
    {
        var id = new Argument<string>("ID") { Description = "Equipment item or alarm point id, e.g. pump-1." };
        var show = new Command("show", "Show an equipment item with its latest readings and active alarms.") { id };
        show.SetAction((parseResult, ct) => context.CallHubAsync(parseResult, async (channel, ct) =>
        {
            var equipmentId = parseResult.GetValue(id)!;
            var item = await new AssetService.AssetServiceClient(channel)
                .GetEquipmentAsync(new GetEquipmentRequest { EquipmentId = equipmentId }, cancellationToken: ct);

            IReadOnlyList<Alarm> active = [];
            if (item.ActiveAlarms > 0)
            {
                var alarms = await new AlarmService.AlarmServiceClient(channel).ListAlarmsAsync(
                    new ListAlarmsRequest { EquipmentId = equipmentId, ConditionActiveOnly = true, PageSize = 100 },
                    cancellationToken: ct);
                active = alarms.Alarms;
            }

            await context.Output.WriteAsync(EquipmentView.Render(item, active));
            return 0;
        }, ct));

        var alarmPoint = new Argument<string>("ID") { Description = "Home alarm point id, e.g. rs-b1-alarm-0301." };
        var contact = new Command("contact", "Show the resident of the home where an alarm point is installed (personal data: customer_service only).") { alarmPoint };
        contact.SetAction((parseResult, ct) => context.CallHubAsync(parseResult, async (channel, ct) =>
        {
            var resident = await new AssetService.AssetServiceClient(channel)
                .GetResidentContactAsync(new GetResidentContactRequest { EquipmentId = parseResult.GetValue(alarmPoint)! }, cancellationToken: ct);
            await context.Output.WriteAsync(TextTable.WithoutHeader(2)
                .AddRow("Alarm point", resident.EquipmentId)
                .AddRow("Resident", Display.Text(resident.Name))
                .AddRow("Phone", Display.Text(resident.Phone))
                .Render());
            return 0;
        }, ct));

        return new Command("equipment", "Equipment items and alarm points.") { show, contact };
    }
}
