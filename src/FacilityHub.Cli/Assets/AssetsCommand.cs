using System.CommandLine;
using FacilityHub.Api.V1;

namespace FacilityHub.Cli.Assets;

/// <summary>fhub assets [--site ID]</summary>
internal static class AssetsCommand
{
    public static Command Create(CliContext context)
    {
        var site = new Option<string>("--site") { Description = "Only this site.", HelpName = "ID" };
        var command = new Command("assets", "Show the asset tree: site, building, equipment (id, kind, name, location).")
        {
            site,
        };
        command.SetAction((parseResult, ct) => context.CallHubAsync(parseResult, async (channel, ct) =>
        {
            var siteId = parseResult.GetValue(site) ?? "";
            var tree = await new AssetService.AssetServiceClient(channel)
                .GetAssetTreeAsync(new GetAssetTreeRequest { SiteId = siteId }, cancellationToken: ct);
            if (tree.Sites.Count == 0)
            {
                if (siteId.Length > 0)
                {
                    await context.Error.WriteLineAsync($"fhub: site '{siteId}' is not in the topology");
                    return 1;
                }

                await context.Output.WriteLineAsync("No sites in the topology.");
                return 0;
            }

            await context.Output.WriteAsync(AssetTreeView.Render(tree));
            return 0;
        }, ct));
        return command;
    }
}
