using FacilityHub.Api.V1;
using FacilityHub.Cli.Output;

namespace FacilityHub.Cli.Assets;

/// <summary>The asset tree as one aligned table, indented site → building → equipment.</summary>
public static class AssetTreeView
{
    public static string Render(GetAssetTreeResponse tree)
    {
        var table = new TextTable("ASSET", "KIND", "NAME", "LOCATION");
        foreach (var site in tree.Sites)
        {
            table.AddRow(site.SiteId, "site", site.Name, "");
            foreach (var building in site.Buildings)
            {
                table.AddRow("  " + building.BuildingId, "building", building.Name, "");
                foreach (var item in building.Equipment)
                {
                    table.AddRow("    " + item.EquipmentId, item.Kind, item.Name, item.Location);
                }
            }
        }

        return table.Render();
    }
}
