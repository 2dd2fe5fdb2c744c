using System.CommandLine;
using FacilityHub.Api.V1;
using FacilityHub.Cli.CommandLine;
using FacilityHub.Cli.Hub;

namespace FacilityHub.Cli.WorkOrders;

/// <summary>fhub workorders list [--site] [--equipment] [--status] [--limit], fhub workorders show ID,
/// fhub workorders unsigned [--site]</summary>
internal static class WorkOrdersCommand
{
    // The API does not state a maximum page size for work orders; the hub may serve fewer per page.
    private const int MaxPageSize = 1000;

    public static Command Create(CliContext context) =>
        new("workorders", "Work orders raised at the dispatch system, and their progress.")
        {
            List(context),
            Show(context),
            Unsigned(context),
            Cancel(context),
        };

    private static Command List(CliContext context)
    {
        var site = new Option<string>("--site") { Description = "Only work orders on this site.", HelpName = "ID" };
        var equipment = new Option<string>("--equipment") { Description = "Only work orders for this equipment item.", HelpName = "ID" };
        var status = CliNames.WorkOrderStatuses.CreateOption("--status", "Only work orders in this status.");
        var limit = Limits.CreateOption("work orders", 100);

        var list = new Command("list", "List work orders, newest first.") { site, equipment, status, limit };
        list.SetAction((parseResult, ct) => context.CallHubAsync(parseResult, async (channel, ct) =>
        {
            var client = new WorkOrderService.WorkOrderServiceClient(channel);
            var orders = await Paging.CollectAsync(parseResult.GetValue(limit), MaxPageSize, async (pageSize, token, ct) =>
            {
                var page = await client.ListWorkOrdersAsync(new ListWorkOrdersRequest
                {
                    SiteId = parseResult.GetValue(site) ?? "",
                    EquipmentId = parseResult.GetValue(equipment) ?? "",
                    Status = parseResult.GetValue(status) ?? WorkOrderStatus.Unspecified,
                    PageSize = pageSize,
                    PageToken = token,
                }, cancellationToken: ct);
                return new Page<WorkOrder>(page.WorkOrders, page.NextPageToken);
            }, ct);

            if (orders.Items.Count == 0)
            {
                await context.Output.WriteLineAsync("No work orders match.");
                return 0;
            }

            await context.Output.WriteAsync(WorkOrdersView.Render(orders.Items));
            if (orders.More)
            {
                await context.Error.WriteLineAsync(
                    $"fhub: showing the newest {orders.Items.Count} work orders; there are more (raise --limit or filter)");
            }

            return 0;
        }, ct));
        return list;
    }

    private static Command Unsigned(CliContext context)
    {
        var site = new Option<string>("--site") { Description = "Only work orders on this site.", HelpName = "ID" };
        var unsigned = new Command("unsigned", "Every work order not signed off, with its reason and expected completion (the end-of-day list).") { site };
        unsigned.SetAction((parseResult, ct) => context.CallHubAsync(parseResult, async (channel, ct) =>
        {
            var list = await new WorkOrderService.WorkOrderServiceClient(channel)
                .ListUnsignedWorkOrdersAsync(new ListUnsignedWorkOrdersRequest { SiteId = parseResult.GetValue(site) ?? "" }, cancellationToken: ct);
            if (list.WorkOrders.Count == 0)
            {
                await context.Output.WriteLineAsync("Every work order is signed off.");
                return 0;
            }

            await context.Output.WriteAsync(WorkOrdersView.RenderUnsigned(list.WorkOrders));
            return 0;
        }, ct));
        return unsigned;
    }

    private static Command Show(CliContext context)
    {
        var id = new Argument<string>("ID") { Description = "Work order id." };
        var show = new Command("show", "Show a work order with its steps.") { id };
        show.SetAction((parseResult, ct) => context.CallHubAsync(parseResult, async (channel, ct) =>
        {
            var order = await new WorkOrderService.WorkOrderServiceClient(channel)
                .GetWorkOrderAsync(new GetWorkOrderRequest { WorkOrderId = parseResult.GetValue(id)! }, cancellationToken: ct);
            await context.Output.WriteAsync(WorkOrdersView.RenderOne(order));
            return 0;
        }, ct));
        return show;
    }

    private static Command Cancel(CliContext context)
    {
        var id = new Argument<string>("ID") { Description = "Work order id." };
        var reason = new Option<string>("--reason") { Description = "Why (required; goes to the dispatch system).", HelpName = "TEXT", Required = true };
        var cancel = new Command("cancel", "Withdraw a work order (also a rejected one, to sign it off); the dispatch system is told.") { id, reason };
        cancel.SetAction((parseResult, ct) => context.CallHubAsync(parseResult, async (channel, ct) =>
        {
            var order = await new WorkOrderService.WorkOrderServiceClient(channel).CancelWorkOrderAsync(
                new CancelOrderRequest { WorkOrderId = parseResult.GetValue(id)!, Reason = parseResult.GetValue(reason)! }, cancellationToken: ct);
            await context.Output.WriteAsync(WorkOrdersView.RenderOne(order));
            return 0;
        }, ct));
        return cancel;
    }
}
