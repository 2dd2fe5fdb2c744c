using System.Text.Json;
using FacilityHub.Domain.Topology;
using DomainTopologyException = FacilityHub.Domain.Topology.TopologyException;

namespace FacilityHub.FleetSimulator.Topology;

/// <summary>
/// What the simulator needs from <c>deploy/topology.json</c>: kinds (metrics with ranges, events) and
/// every device (site → building → equipment). Rules and names are the hub's business, with one exception: a device
/// whose item has a compliance rule (a dishwasher's water changes per meal period) gets that rule's periods as its
/// <see cref="DeviceSpec.Schedule"/>, read by the hub's own loader so that item overrides mean the same to both.
/// </summary>
public sealed record FleetTopology(IReadOnlyDictionary<string, KindSpec> Kinds, IReadOnlyList<DeviceSpec> Devices)
{
    // The file is hand-written: // comments and trailing commas are allowed.
    private static readonly JsonDocumentOptions DocumentOptions = new()
    {
        CommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    /// <summary>The device with <paramref name="equipmentId"/>, or null.</summary>
    public DeviceSpec? Device(string equipmentId) => Devices.FirstOrDefault(d => d.EquipmentId == equipmentId);

    /// <summary>Reads and checks the topology file.</summary>
    /// <exception cref="TopologyException">The file is missing, not JSON, or inconsistent.</exception>
    public static async Task<FleetTopology> LoadAsync(string path, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        string json;
        try
        {
            json = await File.ReadAllTextAsync(path, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new TopologyException($"cannot read topology file {path}: {ex.Message}", ex);
        }

        try
        {
            return Parse(json);
        }
        catch (TopologyException ex)
        {
            throw new TopologyException($"{path}: {ex.Message}", ex);
        }
    }

    /// <summary>Parses topology JSON.</summary>
    /// <exception cref="TopologyException">Not JSON, or inconsistent.</exception>
    public static FleetTopology Parse(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        try
        {
            using var document = JsonDocument.Parse(json, DocumentOptions);
            var root = document.RootElement;
            var kinds = ParseKinds(Property(root, "kinds", JsonValueKind.Object, "the file"));
            var devices = ParseDevices(Property(root, "sites", JsonValueKind.Array, "the file"), kinds);
            return new FleetTopology(kinds, WithSchedules(json, devices));
        }
        catch (JsonException ex)
        {
            throw new TopologyException($"not valid JSON: {ex.Message}", ex);
        }
    }

    // The hub's loader reads the rules (item overrides included); a file it refuses would be refused by the hub too.
    private static List<DeviceSpec> WithSchedules(string json, List<DeviceSpec> devices)
    {
        Estate estate;
        try
        {
            estate = TopologyLoader.Parse(json);
        }
        catch (DomainTopologyException ex)
        {
            throw new TopologyException($"the hub would refuse it: {ex.Message}", ex);
        }

        return devices.ConvertAll(device =>
        {
            if (!estate.TryGetEquipment(device.EquipmentId, out var item))
            {
                return device;
            }

            var rule = item.Kind.Rules.FirstOrDefault(r => r.Kind == RuleKind.Compliance && r.Event is { } e && device.Kind.HasEvent(e) && r.Periods.Count > 0);
            return rule is null ? device : device with { Schedule = new ServiceSchedule(rule.Event!, rule.Periods, rule.TimeZone) };
        });
    }

    private static Dictionary<string, KindSpec> ParseKinds(JsonElement kindsElement)
    {
        var kinds = new Dictionary<string, KindSpec>(StringComparer.Ordinal);
        foreach (var kind in kindsElement.EnumerateObject())
        {
            var where = $"kind '{kind.Name}'";
            var metrics = new List<MetricSpec>();
            if (kind.Value.TryGetProperty("metrics", out var metricsElement))
            {
                Expect(metricsElement, JsonValueKind.Object, where + " metrics");
                foreach (var metric in metricsElement.EnumerateObject())
                {
                    var metricWhere = $"{where} metric '{metric.Name}'";
                    Expect(metric.Value, JsonValueKind.Object, metricWhere);
                    var min = OptionalNumber(metric.Value, "min", metricWhere);
                    var max = OptionalNumber(metric.Value, "max", metricWhere);
                    if (min > max)
                    {
                        throw new TopologyException($"{metricWhere}: min {min} is above max {max}");
                    }

                    var unit = metric.Value.TryGetProperty("unit", out var u) && u.ValueKind == JsonValueKind.String ? u.GetString() : null;
                    metrics.Add(new MetricSpec(metric.Name, min, max, unit));
                }
            }

            var events = new List<string>();
            if (kind.Value.TryGetProperty("events", out var eventsElement))
            {
                Expect(eventsElement, JsonValueKind.Array, where + " events");
                events.AddRange(eventsElement.EnumerateArray().Select(e => Text(e, where + " event")));
            }

            kinds.Add(kind.Name, new KindSpec(kind.Name, metrics, events));
        }

        return kinds;
    }

    private static List<DeviceSpec> ParseDevices(JsonElement sites, Dictionary<string, KindSpec> kinds)
    {
        var devices = new List<DeviceSpec>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var site in sites.EnumerateArray())
        {
            var siteId = TopicSegment(Property(site, "id", JsonValueKind.String, "a site"), "a site");
            foreach (var building in Property(site, "buildings", JsonValueKind.Array, $"site '{siteId}'").EnumerateArray())
            {
                var buildingId = TopicSegment(Property(building, "id", JsonValueKind.String, $"a building of site '{siteId}'"), "a building");
                if (!building.TryGetProperty("equipment", out var equipment))
                {
                    continue;
                }

                Expect(equipment, JsonValueKind.Array, $"building '{buildingId}' equipment");
                foreach (var item in equipment.EnumerateArray())
                {
                    var equipmentId = TopicSegment(Property(item, "id", JsonValueKind.String, $"equipment of building '{buildingId}'"), "equipment");
                    var kindName = Text(Property(item, "kind", JsonValueKind.String, $"equipment '{equipmentId}'"), $"equipment '{equipmentId}' kind");
                    if (!kinds.TryGetValue(kindName, out var kind))
                    {
                        throw new TopologyException($"equipment '{equipmentId}' has kind '{kindName}', which is not defined under \"kinds\"");
                    }

                    // Faults are injected by equipment id, so it must name one device.
                    if (!seen.Add(equipmentId))
                    {
                        throw new TopologyException($"equipment id '{equipmentId}' appears more than once");
                    }

                    devices.Add(new DeviceSpec(siteId, buildingId, equipmentId, kind));
                }
            }
        }

        return devices;
    }

    private static JsonElement Property(JsonElement element, string name, JsonValueKind kind, string where)
    {
        Expect(element, JsonValueKind.Object, where);
        if (!element.TryGetProperty(name, out var value))
        {
            throw new TopologyException($"{where} has no \"{name}\"");
        }

        Expect(value, kind, $"{where} \"{name}\"");
        return value;
    }

    private static void Expect(JsonElement element, JsonValueKind kind, string where)
    {
        if (element.ValueKind != kind)
        {
            throw new TopologyException($"{where} should be a JSON {kind.ToString().ToLowerInvariant()}, not {element.ValueKind.ToString().ToLowerInvariant()}");
        }
    }

    private static string Text(JsonElement element, string where)
    {
        Expect(element, JsonValueKind.String, where);
        var text = element.GetString();
        if (string.IsNullOrWhiteSpace(text))
        {
            throw new TopologyException($"{where} is empty");
        }

        return text;
    }

    // Ids become MQTT topic levels: a '/' would shift the levels, '+' and '#' are wildcards.
    private static string TopicSegment(JsonElement element, string where)
    {
        var text = Text(element, where + " id");
        if (text.AsSpan().IndexOfAny("/+#") >= 0 || text.Any(char.IsControl))
        {
            throw new TopologyException($"{where} id '{text}' cannot be an MQTT topic level (no '/', '+', '#' or control characters)");
        }

        return text;
    }

    private static double? OptionalNumber(JsonElement element, string name, string where)
    {
        if (!element.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.Number || !value.TryGetDouble(out var number) || !double.IsFinite(number))
        {
            throw new TopologyException($"{where} \"{name}\" should be a finite number");
        }

        return number;
    }
}
