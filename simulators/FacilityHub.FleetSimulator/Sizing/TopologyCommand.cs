using System.CommandLine;
using System.Diagnostics;
using System.Globalization;

namespace FacilityHub.FleetSimulator.Sizing;

/// <summary><c>topology --sites 50 --buildings 20 --alarm-points 100000 --out FILE</c>: writes a sized estate's topology file,
/// for the hub (<c>Hub:TopologyFile</c>) and for the simulator (<c>--topology</c>) alike.</summary>
public static class TopologyCommand
{
    public static Command Create(Func<string, string> findFile)
    {
        ArgumentNullException.ThrowIfNull(findFile);
        var sites = new Option<int>("--sites") { Description = "Sites (estates)", DefaultValueFactory = _ => 50 };
        var buildings = new Option<int>("--buildings") { Description = "Buildings per site", DefaultValueFactory = _ => 20 };
        var pumps = new Option<int>("--pumps") { Description = "Water pumps per building", DefaultValueFactory = _ => 2 };
        var dishwashers = new Option<int>("--dishwashers") { Description = "Canteen dishwashers per site (in its first building)", DefaultValueFactory = _ => 1 };
        var alarmPoints = new Option<int>("--alarm-points") { Description = "Home alarm points in all, spread evenly over the buildings", DefaultValueFactory = _ => 100_000 };
        var template = new Option<string>("--kinds-from")
        {
            Description = "Topology file whose kinds (metrics, events, rules) the estate uses",
            DefaultValueFactory = _ => "deploy/topology.json",
        };
        var output = new Option<string>("--out") { Description = "Where to write the topology file", Required = true };
        var command = new Command("topology", "Write the topology file of an estate of a given size (no residents, no personal data)");
        foreach (var option in new Option[] { sites, buildings, pumps, dishwashers, alarmPoints, template, output })
        {
            command.Options.Add(option);
        }

        command.SetAction(async (parse, cancellationToken) =>
        {
            var size = new EstateSize(parse.GetValue(sites), parse.GetValue(buildings), parse.GetValue(pumps), parse.GetValue(dishwashers), parse.GetValue(alarmPoints));
            if (size.Problem() is { } problem)
            {
                await Console.Error.WriteLineAsync("[fleet] " + problem);
                return 2;
            }

            var templatePath = findFile(parse.GetValue(template)!);
            var outPath = Path.GetFullPath(parse.GetValue(output)!);
            var watch = Stopwatch.StartNew();
            try
            {
                var templateJson = await File.ReadAllTextAsync(templatePath, cancellationToken);
                Directory.CreateDirectory(Path.GetDirectoryName(outPath)!);
                await using (var file = File.Create(outPath))
                {
                    SizedTopology.Write(size, templateJson, file);
                }
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or FormatException or System.Text.Json.JsonException)
            {
                await Console.Error.WriteLineAsync($"[fleet] cannot write the topology: {ex.Message}");
                return 2;
            }

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"[fleet] wrote {outPath}: {size.Sites} sites x {size.BuildingsPerSite} buildings, {size.Devices} devices ({size.AlarmPoints} home alarm points), kinds from {templatePath}, in {watch.ElapsedMilliseconds} ms"));
            return 0;
        });
        return command;
    }
}
