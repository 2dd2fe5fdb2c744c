using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace FacilityHub.FleetSimulator.Sizing;

/// <summary>
/// Writes a topology file for an estate of a given size, with the kinds (metrics, events, rules) of a template topology:
/// sites <c>s001</c>…, buildings <c>s001-b01</c>…, pumps <c>s001-b01-pump-1</c>, dishwashers <c>s001-dishwasher-1</c> (in
/// the site's first building) and home alarm points <c>s001-b01-alarm-000001</c>. The hub and the fleet simulator both
/// load the file, so they know the same estate. No residents: a generated estate holds no personal data.
/// </summary>
public static class SizedTopology
{
    public const string PumpKind = "water_pump";
    public const string DishwasherKind = "dishwasher";
    public const string AlarmKind = "home_alarm";

    private static readonly JsonDocumentOptions TemplateOptions = new() { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true };

    /// <summary>Writes the estate of <paramref name="size"/> with <paramref name="templateJson"/>'s kinds to <paramref name="output"/>.</summary>
    /// <exception cref="FormatException">The template has no kinds, or lacks one of the three the estate uses.</exception>
    public static void Write(EstateSize size, string templateJson, Stream output)
    {
        ArgumentNullException.ThrowIfNull(size);
        ArgumentNullException.ThrowIfNull(output);
        if (size.Problem() is { } problem) throw new ArgumentException(problem, nameof(size));
        var kinds = JsonNode.Parse(templateJson, documentOptions: TemplateOptions)?["kinds"] as JsonObject
            ?? throw new FormatException("the template topology has no \"kinds\" object");
        foreach (var (kind, needed) in new[] { (PumpKind, size.PumpsPerBuilding), (DishwasherKind, size.DishwashersPerSite), (AlarmKind, size.AlarmPoints) })
        {
            if (needed > 0 && !kinds.ContainsKey(kind)) throw new FormatException($"the template topology has no kind \"{kind}\"");
        }

        var buildings = size.Sites * size.BuildingsPerSite;
        using var json = new Utf8JsonWriter(output, new JsonWriterOptions { Indented = false });
        json.WriteStartObject();
        json.WritePropertyName("kinds");
        kinds.WriteTo(json);
        json.WriteStartArray("sites");
        for (var s = 1; s <= size.Sites; s++)
        {
            var site = string.Create(CultureInfo.InvariantCulture, $"s{s:000}");
            json.WriteStartObject();
            json.WriteString("id", site);
            json.WriteString("name", $"Estate {s}");
            json.WriteStartArray("buildings");
            for (var b = 1; b <= size.BuildingsPerSite; b++)
            {
                var building = string.Create(CultureInfo.InvariantCulture, $"{site}-b{b:00}");
                json.WriteStartObject();
                json.WriteString("id", building);
                json.WriteString("name", string.Create(CultureInfo.InvariantCulture, $"Building {b}"));
                json.WriteStartArray("equipment");
                for (var p = 1; p <= size.PumpsPerBuilding; p++)
                {
                    Item(json, string.Create(CultureInfo.InvariantCulture, $"{building}-pump-{p}"), $"Booster pump {p}", PumpKind, "Pump room");
                }

                if (b == 1)
                {
                    for (var d = 1; d <= size.DishwashersPerSite; d++)
                    {
                        Item(json, string.Create(CultureInfo.InvariantCulture, $"{site}-dishwasher-{d}"), $"Canteen dishwasher {d}", DishwasherKind, "Canteen kitchen");
                    }
                }

                // Spread evenly: the first (AlarmPoints % buildings) buildings get one more.
                var index = ((s - 1) * size.BuildingsPerSite) + (b - 1);
                var here = (size.AlarmPoints / buildings) + (index < size.AlarmPoints % buildings ? 1 : 0);
                for (var a = 1; a <= here; a++)
                {
                    var room = string.Create(CultureInfo.InvariantCulture, $"{((a - 1) / 8) + 1}{((a - 1) % 8) + 1:00}");
                    Item(json, string.Create(CultureInfo.InvariantCulture, $"{building}-alarm-{a:000000}"), $"Home alarm {room}", AlarmKind, $"Room {room}");
                }

                json.WriteEndArray();
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static void Item(Utf8JsonWriter json, string id, string name, string kind, string location)
    {
        json.WriteStartObject();
        json.WriteString("id", id);
        json.WriteString("name", name);
        json.WriteString("kind", kind);
        json.WriteString("location", location);
        json.WriteEndObject();
    }
}
