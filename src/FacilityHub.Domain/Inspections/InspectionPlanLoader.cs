using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using FacilityHub.Domain.Quality;
using FacilityHub.Domain.Topology;

namespace FacilityHub.Domain.Inspections;

/// <summary>Reads the inspections file (checklists per area and equipment kind, the working calendar) and checks it
/// against the topology; every error names the entry.</summary>
public static class InspectionPlanLoader
{
    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNameCaseInsensitive = true,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    };

    public static InspectionPlan LoadFile(string path, Estate estate)
    {
        string text;
        try { text = File.ReadAllText(path); }
        catch (IOException e) { throw new InspectionPlanException($"Inspections file '{path}' cannot be read: {e.Message}", e); }
        return Parse(text, estate);
    }

    public static InspectionPlan Parse(string json, Estate estate)
    {
        PlanDto file;
        try
        {
            file = JsonSerializer.Deserialize<PlanDto>(json, Json) ?? throw new InspectionPlanException("Inspections file is empty.");
        }
        catch (JsonException e)
        {
            throw new InspectionPlanException($"Inspections file is not valid JSON at {e.Path} (line {e.LineNumber + 1}): {e.Message}", e);
        }

        TimeZoneInfo zone;
        try { zone = TimeZoneInfo.FindSystemTimeZoneById(file.Timezone ?? "UTC"); }
        catch (TimeZoneNotFoundException e) { throw new InspectionPlanException($"'timezone': '{file.Timezone}' is not a known time zone.", e); }
        var calendar = new WorkingCalendar(zone, Days(file.Holidays, "holidays"), Days(file.WorkingWeekends, "working_weekends"));

        var checklists = new List<Checklist>();
        foreach (var c in file.Checklists)
        {
            if (c.Id is null || !TopologyLoader.IdPattern().IsMatch(c.Id)) throw new InspectionPlanException($"Checklist id '{c.Id}': use 1-64 of a-z, 0-9, '-', '_'.");
            string where = $"Checklist '{c.Id}'";
            if (checklists.Any(x => x.Id == c.Id)) throw new InspectionPlanException($"{where} is defined twice.");
            if (c.Kinds.Count == 0) throw new InspectionPlanException($"{where}: 'kinds' must name at least one equipment kind.");
            foreach (var kind in c.Kinds)
            {
                if (!estate.Kinds.ContainsKey(kind)) throw new InspectionPlanException($"{where}: kind '{kind}' is not defined in the topology.");
            }
            if (c.Levels.Count == 0) throw new InspectionPlanException($"{where}: 'levels' must name at least one of daily, weekly, monthly.");
            var levels = c.Levels.Select(l => Enum.TryParse<InspectionLevel>(l, ignoreCase: true, out var level) && Enum.IsDefined(level) && !int.TryParse(l, out _)
                ? level
                : throw new InspectionPlanException($"{where}: level '{l}' is not one of daily, weekly, monthly.")).Distinct().ToList();
            if (c.Items.Count == 0) throw new InspectionPlanException($"{where}: 'items' is empty.");
            var items = new List<ChecklistItem>();
            foreach (var i in c.Items)
            {
                if (i.Id is null || !TopologyLoader.IdPattern().IsMatch(i.Id)) throw new InspectionPlanException($"{where} item id '{i.Id}': use 1-64 of a-z, 0-9, '-', '_'.");
                if (items.Any(x => x.Id == i.Id)) throw new InspectionPlanException($"{where}: item '{i.Id}' is listed twice.");
                if (string.IsNullOrWhiteSpace(i.Text)) throw new InspectionPlanException($"{where} item '{i.Id}': 'text' is required.");
                if (string.IsNullOrWhiteSpace(i.Category)) throw new InspectionPlanException($"{where} item '{i.Id}': 'category' is required (it groups nonconformances for the Pareto chart).");
                items.Add(new ChecklistItem(i.Id, i.Text.Trim(), i.Category.Trim(), Severity(i.Severity, $"{where} item '{i.Id}'")));
            }
            checklists.Add(new Checklist(c.Id, c.Name ?? c.Id, c.Area ?? c.Name ?? c.Id, c.Kinds, levels, items));
        }
        string category = string.IsNullOrWhiteSpace(file.Compliance?.Category) ? InspectionPlan.DefaultComplianceCategory : file.Compliance.Category.Trim();
        var severity = file.Compliance?.Severity is null ? NonconformanceSeverity.Minor : Severity(file.Compliance.Severity, "'compliance'");
        return new InspectionPlan(checklists, calendar, category, severity);
    }

    private static NonconformanceSeverity Severity(string? text, string where) =>
        text is null ? NonconformanceSeverity.Minor
        : Enum.TryParse<NonconformanceSeverity>(text, ignoreCase: true, out var s) && Enum.IsDefined(s) && !int.TryParse(text, out _) ? s
        : throw new InspectionPlanException($"{where}: severity '{text}' is not one of minor, major, critical.");

    private static HashSet<DateOnly> Days(List<string> days, string field) =>
        [.. days.Select(d => DateOnly.TryParseExact(d, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)
            ? day
            : throw new InspectionPlanException($"'{field}': '{d}' is not a date (yyyy-MM-dd)."))];

    private sealed class PlanDto
    {
        public string? Timezone { get; set; }
        public List<string> Holidays { get; set; } = [];
        [JsonPropertyName("working_weekends")] public List<string> WorkingWeekends { get; set; } = [];
        public ComplianceDto? Compliance { get; set; }
        public List<ChecklistDto> Checklists { get; set; } = [];
    }

    private sealed class ComplianceDto
    {
        public string? Category { get; set; }
        public string? Severity { get; set; }
    }

    private sealed class ChecklistDto
    {
        public string? Id { get; set; }
        public string? Name { get; set; }
        public string? Area { get; set; }
        public List<string> Kinds { get; set; } = [];
        public List<string> Levels { get; set; } = [];
        public List<ItemDto> Items { get; set; } = [];
    }

    private sealed class ItemDto
    {
        public string? Id { get; set; }
        public string? Text { get; set; }
        public string? Category { get; set; }
        public string? Severity { get; set; }
    }
}
