using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
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

    /// <summary>Ids travel in MQTT topics and InfluxDB tags: lower-case letters, digits, '-' and '_' only.
    /// <c>\z</c>, not <c>$</c>: <c>$</c> also matches before a final newline.</summary>
    [GeneratedRegex(@"^[a-z0-9][a-z0-9_-]{0,63}\z")]
    public static partial Regex IdPattern();

    /// <summary>Streams the file: read whole as a string, a 10 MB estate (100k alarm points) took a 32 MiB buffer to
    /// transcode it to UTF-8, still in the hub's memory (unreferenced, in the large object heap) long after the start.</summary>
    public static Estate LoadFile(string path)
    {
        try
        {
            using var stream = File.OpenRead(path);
            return Build(Deserialize(() => JsonSerializer.Deserialize<TopologyFile>(stream, Json)));
        }
        catch (IOException e) { throw new TopologyException($"Topology file '{path}' cannot be read: {e.Message}", e); }
    }

    public static Estate Parse(string json) => Build(Deserialize(() => JsonSerializer.Deserialize<TopologyFile>(json, Json)));

    private static TopologyFile Deserialize(Func<TopologyFile?> read)
    {
        try
        {
            return read() ?? throw new TopologyException("Topology is empty.");
        }
        catch (JsonException e)
        {
            throw new TopologyException($"Topology is not valid JSON at {e.Path} (line {e.LineNumber + 1}): {e.Message}", e);
        }
    }

    private static Estate Build(TopologyFile file)
    {
        var kinds = new Dictionary<string, EquipmentKind>(StringComparer.Ordinal);
        foreach (var (name, k) in file.Kinds)
        {
            kinds[name] = BuildKind(name, k);
        }

        var ids = new HashSet<string>(StringComparer.Ordinal);
        var sites = new List<Site>();
        var residents = new Dictionary<string, ResidentContact>(StringComparer.Ordinal);
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
                    if (e.Rules.Count > 0) kind = Override(kind, file.Kinds[e.Kind], e);
                    if (e.Resident is not null) residents[e.Id] = BuildResident(e.Id, kind, e.Resident);
                    items.Add(new EquipmentItem(e.Id, e.Name ?? e.Id, kind, s.Id, b.Id, e.Location ?? ""));
                }
                buildings.Add(new Building(b.Id, b.Name ?? b.Id, s.Id, items));
            }
            sites.Add(new Site(s.Id, s.Name ?? s.Id, buildings));
        }
        return new Estate(sites, kinds, residents);
    }

    /// <summary>A resident's contact details. The messages name the item and the field, never the value: it is personal data.</summary>
    private static ResidentContact BuildResident(string itemId, EquipmentKind kind, ResidentDto resident)
    {
        string where = $"Equipment '{itemId}' resident";
        if (!kind.IsInResidence) throw new TopologyException($"{where}: only items of a kind with category '{EquipmentKind.AlarmPointCategory}' are in a home; kind '{kind.Name}' is not.");
        string name = resident.Name?.Trim() ?? "";
        if (name.Length is 0 or > 100 || name.Any(char.IsControl)) throw new TopologyException($"{where}: 'name' is required, 1-100 printable characters.");
        string phone = resident.Phone?.Trim() ?? "";
        if (!PhonePattern().IsMatch(phone)) throw new TopologyException($"{where}: 'phone' must be a phone number: digits, spaces, '-', '(', ')', an optional leading '+'.");
        return new ResidentContact(name, phone);
    }

    [GeneratedRegex(@"^\+?[0-9][0-9 ()-]{2,30}[0-9]\z")]
    private static partial Regex PhonePattern();

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

    private static void RequireName(string name, string what)
    {
        if (!IdPattern().IsMatch(name)) throw new TopologyException($"{what} '{name}': use 1-64 of a-z, 0-9, '-', '_'.");
    }

    private static EquipmentKind BuildKind(string name, KindDto k)
    {
        // Metric, event and zone names arrive in payloads and become InfluxDB fields and tags: ids only, so a
        // payload name that is not an id can be refused without looking it up.
        foreach (string metric in k.Metrics.Keys) RequireName(metric, $"Kind '{name}' metric");
        foreach (string e in k.Events) RequireName(e, $"Kind '{name}' event");
        var metrics = k.Metrics.ToDictionary(
            m => m.Key,
            m => m.Value.Min <= m.Value.Max
                ? new MetricDefinition(m.Key, m.Value.Unit ?? "", m.Value.Min, m.Value.Max)
                : throw new TopologyException($"Kind '{name}' metric '{m.Key}': min {m.Value.Min} is above max {m.Value.Max}."),
            StringComparer.Ordinal);
        var events = new HashSet<string>(k.Events, StringComparer.Ordinal);
        var rules = k.Rules.Select(r => BuildRule($"Kind '{name}'", r, metrics, events)).ToList();
        var duplicate = rules.GroupBy(r => r.Id).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null) throw new TopologyException($"Kind '{name}': rule id '{duplicate.Key}' is used twice.");
        return new EquipmentKind(name, k.Category ?? "equipment", metrics, events, rules);
    }

    /// <summary>An item's own settings for some of its kind's rules (e.g. its canteen's meal periods, a lower
    /// limit); "enabled": false drops a rule for this item. Each override replaces the fields it names.</summary>
    private static EquipmentKind Override(EquipmentKind kind, KindDto dto, EquipmentDto item)
    {
        foreach (var id in item.Rules.Keys)
        {
            if (!dto.Rules.Any(r => (string?)r["id"] == id)) throw new TopologyException($"Equipment '{item.Id}' overrides rule '{id}', which kind '{kind.Name}' does not have.");
        }
        var rules = new List<RuleDefinition>();
        foreach (var rule in dto.Rules)
        {
            string id = (string?)rule["id"] ?? "";
            if (!item.Rules.TryGetValue(id, out var changes))
            {
                rules.Add(kind.Rules.First(r => r.Id == id));
                continue;
            }
            var merged = (JsonObject)rule.DeepClone();
            foreach (var (field, value) in changes) merged[field] = value?.DeepClone();
            if (merged["enabled"] is JsonValue enabled && enabled.TryGetValue(out bool on) && !on) continue;
            rules.Add(BuildRule($"Equipment '{item.Id}'", merged, kind.Metrics, kind.Events));
        }
        return kind with { Rules = rules };
    }

    private static RuleDefinition BuildRule(string owner, JsonObject json, IReadOnlyDictionary<string, MetricDefinition> metrics, IReadOnlySet<string> events)
    {
        RuleDto r;
        try
        {
            r = json.Deserialize<RuleDto>(Json) ?? throw new TopologyException($"{owner}: empty rule.");
        }
        catch (JsonException e)
        {
            throw new TopologyException($"{owner} rule '{json["id"]}': {e.Message}", e);
        }
        string where = $"{owner} rule '{r.Id}'";
        if (r.Id is null || !IdPattern().IsMatch(r.Id)) throw new TopologyException($"{where}: invalid rule id.");
        if (r.Priority is null) throw new TopologyException($"{where}: 'priority' is required (emergency, high, medium, low).");
        if (r.Type is null) throw new TopologyException($"{where}: 'type' is required (threshold, event, rate_of_change, stale, composite, compliance, flatline).");
        string Metric(string? name, string field) =>
            name is not null && metrics.ContainsKey(name) ? name : throw new TopologyException($"{where}: '{field}' must name one of the kind's metrics.");
        string Event(string? name, string field) =>
            name is not null && events.Contains(name) ? name : throw new TopologyException($"{where}: '{field}' must name one of the kind's events.");
        List<string> Zones(List<string> zones, string field)
        {
            foreach (string z in zones) RequireName(z, $"{where}: '{field}' zone");
            return zones;
        }
        TimeSpan Seconds(double? value, string field) =>
            value is null ? TimeSpan.Zero : value >= 0 && value <= 7 * 86_400 ? TimeSpan.FromSeconds(value.Value) : throw new TopologyException($"{where}: '{field}' must be 0 to 604800 seconds.");
        IReadOnlyList<MetricCondition> Conditions(List<ConditionDto>? list, string field) =>
            [.. (list ?? []).Select((c, i) => new MetricCondition(
                Metric(c.Metric, $"{field}[{i}].metric"),
                (c.Above, c.Below, c.Is) switch
                {
                    (not null, null, null) => ConditionOperator.Above,
                    (null, not null, null) => ConditionOperator.Below,
                    (null, null, not null) => ConditionOperator.Equals,
                    _ => throw new TopologyException($"{where}: '{field}[{i}]' needs exactly one of 'above', 'below', 'equals'."),
                },
                c.Above ?? c.Below ?? c.Is!.Value))];

        var type = r.Type.Value;
        var rule = new RuleDefinition
        {
            Id = r.Id,
            Kind = type,
            FaultCode = r.Fault ?? r.Id,
            Priority = r.Priority.Value,
            RaisesWorkOrder = r.WorkOrder,
            Description = r.Description ?? "",
            OnDelay = Seconds(r.OnDelay, "on_delay_s"),
            OffDelay = Seconds(r.OffDelay, "off_delay_s"),
            OnlyWhen = Conditions(r.OnlyWhen, "only_when"),
        };
        switch (type)
        {
            case RuleKind.Threshold:
                if (r.Above is null == r.Below is null) throw new TopologyException($"{where}: give exactly one of 'above' or 'below'.");
                if (r.ClearAt is not null && r.Deadband is not null) throw new TopologyException($"{where}: give 'clear_at' or 'deadband', not both.");
                if (r.Deadband is < 0) throw new TopologyException($"{where}: 'deadband' must not be negative.");
                double? clearAt = r.ClearAt ?? (r.Deadband is { } band ? (r.Below is { } b ? b + band : r.Above!.Value - band) : null);
                if (clearAt is { } c && (r.Below is { } below ? c < below : c > r.Above!.Value))
                {
                    throw new TopologyException($"{where}: the clear level {c.ToString(CultureInfo.InvariantCulture)} is on the alarm side of the limit.");
                }
                return rule with { Metric = Metric(r.Metric, "metric"), Above = r.Above, Below = r.Below, ClearAt = clearAt };
            case RuleKind.RateOfChange:
                if (r.RisingFasterThan is null == r.FallingFasterThan is null) throw new TopologyException($"{where}: give exactly one of 'rising_faster_than' or 'falling_faster_than' (units per second).");
                if (r.RisingFasterThan is <= 0 || r.FallingFasterThan is <= 0) throw new TopologyException($"{where}: the rate must be positive (units per second).");
                var window = Seconds(r.Window ?? 10, "window_s");
                if (window <= TimeSpan.Zero) throw new TopologyException($"{where}: 'window_s' must be positive.");
                return rule with { Metric = Metric(r.Metric, "metric"), RisingPerSecond = r.RisingFasterThan, FallingPerSecond = r.FallingFasterThan, Window = window };
            case RuleKind.Composite:
                var all = Conditions(r.All, "all");
                if (all.Count == 0) throw new TopologyException($"{where}: 'all' must list at least one condition.");
                return rule with { Conditions = all };
            case RuleKind.Event:
                ArmingDefinition? arming = r.Arming is null ? null : new ArmingDefinition(
                    Event(r.Arming.Armed, "arming.armed"), Event(r.Arming.Disarmed, "arming.disarmed"), Zones(r.Arming.Zones, "arming.zones"));
                return rule with
                {
                    Event = Event(r.Event, "event"),
                    Zones = Zones(r.Zones, "zones"),
                    ClearEvent = r.ClearEvent is null ? null : Event(r.ClearEvent, "clear_event"),
                    ClearAfter = r.ClearAfter is null ? null : Seconds(r.ClearAfter, "clear_after_s"),
                    Arming = arming,
                };
            case RuleKind.Stale:
                var after = Seconds(r.After, "after_s");
                if (after <= TimeSpan.Zero) throw new TopologyException($"{where}: 'after_s' must be positive.");
                return rule with { StaleAfter = after };
            case RuleKind.Flatline:
                var still = Seconds(r.After, "after_s");
                if (still <= TimeSpan.Zero) throw new TopologyException($"{where}: 'after_s' must be positive (how long the value must stand still).");
                if (r.Tolerance is < 0 || r.Tolerance is { } t && !double.IsFinite(t)) throw new TopologyException($"{where}: 'tolerance' must be 0 or more.");
                return rule with { Metric = Metric(r.Metric, "metric"), StaleAfter = still, Tolerance = r.Tolerance ?? 0 };
            case RuleKind.Compliance:
                if (r.Periods is null || r.Periods.Count == 0) throw new TopologyException($"{where}: 'periods' must list at least one period.");
                TimeZoneInfo zone;
                try { zone = r.TimeZone is null ? TimeZoneInfo.Utc : TimeZoneInfo.FindSystemTimeZoneById(r.TimeZone); }
                catch (Exception e) when (e is TimeZoneNotFoundException or InvalidTimeZoneException) { throw new TopologyException($"{where}: unknown 'timezone' '{r.TimeZone}'.", e); }
                var periods = r.Periods.Select((p, i) =>
                {
                    if (!TimeOnly.TryParseExact(p.Start, PeriodTimeFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var from)
                        || !TimeOnly.TryParseExact(p.End, PeriodTimeFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var to) || to <= from)
                    {
                        throw new TopologyException($"{where}: 'periods[{i}]' needs 'start' before 'end', both HH:mm (or HH:mm:ss).");
                    }
                    if (p.Min < 1) throw new TopologyException($"{where}: 'periods[{i}].min' must be at least 1.");
                    return new MealPeriod(p.Name ?? $"period {i + 1}", from, to, p.Min);
                }).OrderBy(p => p.Start).ToList();
                for (int i = 1; i < periods.Count; i++)
                {
                    if (periods[i].Start < periods[i - 1].End) throw new TopologyException($"{where}: periods '{periods[i - 1].Name}' and '{periods[i].Name}' overlap.");
                }
                return rule with { Event = Event(r.Event, "event"), Periods = periods, TimeZone = zone };
            default:
                throw new TopologyException($"{where}: unknown type.");
        }
    }

    // HH:mm for meal periods; HH:mm:ss too, so a drill can run periods of a few seconds.
    private static readonly string[] PeriodTimeFormats = ["HH:mm", "HH:mm:ss"];

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
        public List<JsonObject> Rules { get; init; } = [];
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
        public RuleKind? Type { get; init; }
        public string? Fault { get; init; }
        public AlarmPriority? Priority { get; init; }
        [JsonPropertyName("work_order")] public bool WorkOrder { get; init; }
        public string? Description { get; init; }
        public bool Enabled { get; init; } = true;
        [JsonPropertyName("on_delay_s")] public double? OnDelay { get; init; }
        [JsonPropertyName("off_delay_s")] public double? OffDelay { get; init; }
        [JsonPropertyName("only_when")] public List<ConditionDto>? OnlyWhen { get; init; }
        public string? Metric { get; init; }
        public double? Above { get; init; }
        public double? Below { get; init; }
        [JsonPropertyName("clear_at")] public double? ClearAt { get; init; }
        public double? Deadband { get; init; }
        [JsonPropertyName("rising_faster_than")] public double? RisingFasterThan { get; init; }
        [JsonPropertyName("falling_faster_than")] public double? FallingFasterThan { get; init; }
        [JsonPropertyName("window_s")] public double? Window { get; init; }
        public List<ConditionDto>? All { get; init; }
        public string? Event { get; init; }
        public List<string> Zones { get; init; } = [];
        [JsonPropertyName("clear_event")] public string? ClearEvent { get; init; }
        [JsonPropertyName("clear_after_s")] public double? ClearAfter { get; init; }
        public ArmingDto? Arming { get; init; }
        [JsonPropertyName("after_s")] public double? After { get; init; }
        public double? Tolerance { get; init; }
        public List<PeriodDto>? Periods { get; init; }
        [JsonPropertyName("timezone")] public string? TimeZone { get; init; }
    }

    private sealed class ConditionDto
    {
        public string? Metric { get; init; }
        public double? Above { get; init; }
        public double? Below { get; init; }
        [JsonPropertyName("equals")] public double? Is { get; init; }
    }

    private sealed class ArmingDto
    {
        public string? Armed { get; init; }
        public string? Disarmed { get; init; }
        public List<string> Zones { get; init; } = [];
    }

    private sealed class PeriodDto
    {
        public string? Name { get; init; }
        public string? Start { get; init; }
        public string? End { get; init; }
        public int Min { get; init; }
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
        public Dictionary<string, JsonObject> Rules { get; init; } = [];
        public ResidentDto? Resident { get; init; }
    }

    private sealed class ResidentDto
    {
        public string? Name { get; init; }
        public string? Phone { get; init; }
    }
}
