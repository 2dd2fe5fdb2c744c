using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;
using FacilityHub.Domain.Alarms;

namespace FacilityHub.Domain.Topology;

/// <summary>Reads the topology file (sites, buildings, equipment and the kinds that define metrics and rules).</summary>
public static partial class TopologyLoader
{
    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNameCaseInsensitive = true,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
    };

    /// <summary>Ids travel in MQTT topics and InfluxDB tags: lower-case letters, digits, '-' and '_' only.</summary>
    [GeneratedRegex("^[a-z0-9][a-z0-9_-]{0,63}$")]
    public static partial Regex IdPattern();

    public static Estate LoadFile(string path)
    {
        string text;
        try { text = File.ReadAllText(path); }
        catch (IOException e) { throw new TopologyException($"Topology file '{path}' cannot be read: {e.Message}", e); }
        return Parse(text);
    }

    public static Estate Parse(string json)
    {
        TopologyFile file;
        try
        {
            file = JsonSerializer.Deserialize<TopologyFile>(json, Json) ?? throw new TopologyException("Topology is empty.");
        }
        catch (JsonException e)
        {
            throw new TopologyException($"Topology is not valid JSON at {e.Path} (line {e.LineNumber + 1}): {e.Message}", e);
        }

        var kinds = new Dictionary<string, EquipmentKind>(StringComparer.Ordinal);
        foreach (var (name, k) in file.Kinds)
        {
            kinds[name] = BuildKind(name, k);
        }

        var ids = new HashSet<string>(StringComparer.Ordinal);
        var sites = new List<Site>();
        foreach (var s in file.Sites)
        {
            RequireId(s.Id, "site", ids);
            var buildings = new List<Building>();
            foreach (var b in s.Buildings)
            {
                RequireId(b.Id, $"building of site '{s.Id}'", ids);
                var items = new List<EquipmentItem>();
                foreach (var e in b.Equipment)
                {
                    RequireId(e.Id, $"equipment in building '{b.Id}'", ids);
                    if (!kinds.TryGetValue(e.Kind, out var kind))
                    {
                        throw new TopologyException($"Equipment '{e.Id}' has kind '{e.Kind}', which is not defined under 'kinds'.");
                    }
                    items.Add(new EquipmentItem(e.Id, e.Name ?? e.Id, kind, s.Id, b.Id, e.Location ?? ""));
                }
                buildings.Add(new Building(b.Id, b.Name ?? b.Id, s.Id, items));
            }
            sites.Add(new Site(s.Id, s.Name ?? s.Id, buildings));
        }
        return new Estate(sites, kinds);
    }

    private static void RequireId([System.Diagnostics.CodeAnalysis.NotNull] string? id, string what, HashSet<string> seen)
    {
        if (id is null || !IdPattern().IsMatch(id))
        {
            throw new TopologyException($"Invalid id '{id}' for a {what}: use 1-64 of a-z, 0-9, '-', '_'.");
        }
        if (!seen.Add(id))
        {
            throw new TopologyException($"Id '{id}' is used twice; site, building and equipment ids must be unique.");
        }
    }

    private static EquipmentKind BuildKind(string name, KindDto k)
    {
        var metrics = k.Metrics.ToDictionary(
            m => m.Key,
            m => m.Value.Min <= m.Value.Max
                ? new MetricDefinition(m.Key, m.Value.Unit ?? "", m.Value.Min, m.Value.Max)
                : throw new TopologyException($"Kind '{name}' metric '{m.Key}': min {m.Value.Min} is above max {m.Value.Max}."),
            StringComparer.Ordinal);
        var events = new HashSet<string>(k.Events, StringComparer.Ordinal);
        var rules = k.Rules.Select(r => BuildRule(name, r, metrics, events)).ToList();
        return new EquipmentKind(name, k.Category ?? "equipment", metrics, events, rules);
    }

    private static RuleDefinition BuildRule(string kind, RuleDto r, Dictionary<string, MetricDefinition> metrics, HashSet<string> events)
    {
        string where = $"Kind '{kind}' rule '{r.Id}'";
        if (r.Id is null || !IdPattern().IsMatch(r.Id)) throw new TopologyException($"{where}: invalid rule id.");
        if (r.Priority is null) throw new TopologyException($"{where}: 'priority' is required (emergency, high, medium, low).");
        var rule = new RuleDefinition
        {
            Id = r.Id,
            Kind = r.Type,
            FaultCode = r.Fault ?? r.Id,
            Priority = r.Priority.Value,
            RaisesWorkOrder = r.WorkOrder,
            Description = r.Description ?? "",
            Metric = r.Metric,
            Above = r.Above,
            Below = r.Below,
            ClearAt = r.ClearAt,
            OnlyWhenMetric = r.OnlyWhen?.Metric,
            OnlyWhenEquals = r.OnlyWhen?.Value,
            Event = r.Event,
            Zones = r.Zones,
            ClearEvent = r.ClearEvent,
        };
        switch (rule.Kind)
        {
            case RuleKind.Threshold:
                if (rule.Metric is null || !metrics.ContainsKey(rule.Metric)) throw new TopologyException($"{where}: 'metric' must name one of the kind's metrics.");
                if (rule.Above is null == rule.Below is null) throw new TopologyException($"{where}: give exactly one of 'above' or 'below'.");
                if (rule.OnlyWhenMetric is not null && !metrics.ContainsKey(rule.OnlyWhenMetric)) throw new TopologyException($"{where}: 'only_when.metric' must name one of the kind's metrics.");
                break;
            case RuleKind.Event:
                if (rule.Event is null || !events.Contains(rule.Event)) throw new TopologyException($"{where}: 'event' must name one of the kind's events.");
                if (rule.ClearEvent is not null && !events.Contains(rule.ClearEvent)) throw new TopologyException($"{where}: 'clear_event' must name one of the kind's events.");
                break;
        }
        return rule;
    }

    private sealed class TopologyFile
    {
        public Dictionary<string, KindDto> Kinds { get; init; } = [];
        public List<SiteDto> Sites { get; init; } = [];
    }

    private sealed class KindDto
    {
        public string? Category { get; init; }
        public Dictionary<string, MetricDto> Metrics { get; init; } = [];
        public List<string> Events { get; init; } = [];
        public List<RuleDto> Rules { get; init; } = [];
    }

    private sealed class MetricDto
    {
        public string? Unit { get; init; }
        public double Min { get; init; } = double.MinValue;
        public double Max { get; init; } = double.MaxValue;
    }

    private sealed class RuleDto
    {
        public string? Id { get; init; }
        public RuleKind Type { get; init; }
        public string? Fault { get; init; }
        public AlarmPriority? Priority { get; init; }
        [JsonPropertyName("work_order")] public bool WorkOrder { get; init; }
        public string? Description { get; init; }
        public string? Metric { get; init; }
        public double? Above { get; init; }
        public double? Below { get; init; }
        [JsonPropertyName("clear_at")] public double? ClearAt { get; init; }
        [JsonPropertyName("only_when")] public OnlyWhenDto? OnlyWhen { get; init; }
        public string? Event { get; init; }
        public List<string> Zones { get; init; } = [];
        [JsonPropertyName("clear_event")] public string? ClearEvent { get; init; }
    }

    private sealed class OnlyWhenDto
    {
        public string? Metric { get; init; }
        [JsonPropertyName("equals")] public double? Value { get; init; }
    }

    private sealed class SiteDto
    {
        public string? Id { get; init; }
        public string? Name { get; init; }
        public List<BuildingDto> Buildings { get; init; } = [];
    }

    private sealed class BuildingDto
    {
        public string? Id { get; init; }
        public string? Name { get; init; }
        public List<EquipmentDto> Equipment { get; init; } = [];
    }

    private sealed class EquipmentDto
    {
        public string? Id { get; init; }
        public string? Name { get; init; }
        public string Kind { get; init; } = "";
        public string? Location { get; init; }
    }
}
