using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using FacilityHub.Domain.Topology;

namespace FacilityHub.Domain.Maintenance;

/// <summary>Reads the "maintenance" section of the topology file: teams and preventive-maintenance plans, checked
/// against the estate (kinds, items, metrics). No section: no teams, no plans.</summary>
public static class MaintenanceSetupLoader
{
    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNameCaseInsensitive = true,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    /// <summary>Streams the file and reads only the "maintenance" section (see <see cref="TopologyLoader.LoadFile"/>: a
    /// 10 MB estate parsed whole as a document also took a 16 MiB buffer for the document's index).</summary>
    public static MaintenanceSetup LoadFile(string path, Estate estate)
    {
        try
        {
            using var stream = File.OpenRead(path);
            return Build(Section(() => JsonSerializer.Deserialize<FileDto>(stream, Json)), estate);
        }
        catch (IOException e) { throw new TopologyException($"Topology file '{path}' cannot be read: {e.Message}", e); }
    }

    public static MaintenanceSetup Parse(string json, Estate estate) => Build(Section(() => JsonSerializer.Deserialize<FileDto>(json, Json)), estate);

    private static SectionDto? Section(Func<FileDto?> read)
    {
        try
        {
            return read()?.Maintenance;
        }
        catch (JsonException e)
        {
            throw new TopologyException($"Topology 'maintenance' is not valid at {e.Path}: {e.Message}", e);
        }
    }

    private static MaintenanceSetup Build(SectionDto? section, Estate estate)
    {
        if (section is null) return MaintenanceSetup.Empty;
        var teams = section.Teams.Select((t, i) => Team(t, $"maintenance.teams[{i}]")).ToList();
        var dup = teams.GroupBy(t => t.Id).FirstOrDefault(g => g.Count() > 1);
        if (dup is not null) throw new TopologyException($"maintenance.teams: team id '{dup.Key}' is used twice.");
        var plans = section.Plans.Select((p, i) => Plan(p, $"maintenance.plans[{i}]", teams, estate, section.LeadDays ?? 14)).ToList();
        var dupPlan = plans.GroupBy(p => p.Id).FirstOrDefault(g => g.Count() > 1);
        if (dupPlan is not null) throw new TopologyException($"maintenance.plans: plan id '{dupPlan.Key}' is used twice.");
        return new MaintenanceSetup(teams, plans);
    }

    private static MaintenanceTeam Team(TeamDto t, string where)
    {
        if (t.Id is null || !TopologyLoader.IdPattern().IsMatch(t.Id)) throw new TopologyException($"{where}.id: use 1-64 of a-z, 0-9, '-', '_'.");
        where = $"{where} (team '{t.Id}')";
        if (t.Skill is null || !TopologyLoader.IdPattern().IsMatch(t.Skill)) throw new TopologyException($"{where}.skill: required, e.g. {string.Join(", ", MaintenanceSetup.KnownSkills)}.");
        TimeZoneInfo zone;
        try { zone = TimeZoneInfo.FindSystemTimeZoneById(t.TimeZone ?? "UTC"); }
        catch (Exception e) when (e is TimeZoneNotFoundException or InvalidTimeZoneException) { throw new TopologyException($"{where}.timezone: unknown time zone '{t.TimeZone}'.", e); }
        var days = new HashSet<DayOfWeek>();
        foreach (string d in t.WorkingDays ?? ["mon", "tue", "wed", "thu", "fri"])
        {
            var day = Enum.GetValues<DayOfWeek>().Where(w => w.ToString()[..3].Equals(d, StringComparison.OrdinalIgnoreCase)).Cast<DayOfWeek?>().FirstOrDefault()
                ?? throw new TopologyException($"{where}.working_days: '{d}' is not a day (mon, tue, wed, thu, fri, sat, sun).");
            days.Add(day);
        }
        if (days.Count == 0) throw new TopologyException($"{where}.working_days: at least one day.");
        string[] hours = (t.Hours ?? "08:30-17:30").Split('-');
        if (hours.Length != 2
            || !TimeOnly.TryParseExact(hours[0], "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var start)
            || !TimeOnly.TryParseExact(hours[1], "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var end) || end <= start)
        {
            throw new TopologyException($"{where}.hours: 'HH:mm-HH:mm', start before end, e.g. '08:30-17:30'.");
        }
        if (t.Capacity is < 1 or > 100) throw new TopologyException($"{where}.capacity: 1 to 100 visits at the same time.");
        return new MaintenanceTeam(t.Id, t.Name ?? t.Id, t.Skill, zone, days, start, end, t.Capacity);
    }

    private static MaintenancePlan Plan(PlanDto p, string where, List<MaintenanceTeam> teams, Estate estate, int defaultLeadDays)
    {
        if (p.Id is null || !TopologyLoader.IdPattern().IsMatch(p.Id)) throw new TopologyException($"{where}.id: use 1-64 of a-z, 0-9, '-', '_'.");
        where = $"{where} (plan '{p.Id}')";
        if (p.Skill is null || !teams.Any(t => t.Skill == p.Skill)) throw new TopologyException($"{where}.skill: no team has skill '{p.Skill}'.");
        var items = p.Equipment ?? [];
        if ((p.Kind is null) == (items.Count == 0)) throw new TopologyException($"{where}: give 'kind' or 'equipment' (a list of item ids), not both.");
        if (p.Kind is not null && !estate.Kinds.ContainsKey(p.Kind)) throw new TopologyException($"{where}.kind: '{p.Kind}' is not defined under 'kinds'.");
        foreach (string id in items)
        {
            if (!estate.TryGetEquipment(id, out _)) throw new TopologyException($"{where}.equipment: '{id}' is not in the topology.");
        }
        if (p.DurationMin is < 15 or > 24 * 60) throw new TopologyException($"{where}.duration_min: 15 to 1440 minutes.");
        int lead = p.LeadDays ?? defaultLeadDays;
        if (lead is < 0 or > 366) throw new TopologyException($"{where}.lead_days: 0 to 366.");
        if ((p.Calendar is null) == (p.Runtime is null)) throw new TopologyException($"{where}: give exactly one of 'calendar' or 'runtime'.");
        CalendarSchedule? calendar = null;
        RuntimeSchedule? runtime = null;
        if (p.Calendar is { } c)
        {
            if (c.Every is < 1 or > 1000) throw new TopologyException($"{where}.calendar.every: 1 to 1000.");
            var unit = c.Unit switch
            {
                "day" or "days" => CalendarUnit.Day,
                "week" or "weeks" => CalendarUnit.Week,
                "month" or "months" => CalendarUnit.Month,
                _ => throw new TopologyException($"{where}.calendar.unit: day, week or month."),
            };
            if (!DateOnly.TryParseExact(c.Start ?? "", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var first))
            {
                throw new TopologyException($"{where}.calendar.start: the first due date, yyyy-MM-dd.");
            }
            calendar = new CalendarSchedule(c.Every, unit, first);
        }
        if (p.Runtime is { } r)
        {
            if ((r.EveryHours is null) == (r.EveryStarts is null)) throw new TopologyException($"{where}.runtime: give exactly one of 'every_hours' or 'every_starts'.");
            if (r.EveryHours is <= 0 || r.EveryStarts is < 1) throw new TopologyException($"{where}.runtime: the interval must be positive.");
            string metric = r.Metric ?? "running";
            var kinds = p.Kind is not null ? [estate.Kinds[p.Kind]] : items.Select(i => { estate.TryGetEquipment(i, out var e); return e!.Kind; });
            foreach (var kind in kinds)
            {
                if (!kind.Metrics.ContainsKey(metric)) throw new TopologyException($"{where}.runtime.metric: kind '{kind.Name}' has no metric '{metric}'.");
            }
            runtime = r.EveryHours is { } h ? new RuntimeSchedule(RuntimeBasis.Hours, h, metric) : new RuntimeSchedule(RuntimeBasis.Starts, r.EveryStarts!.Value, metric);
        }
        return new MaintenancePlan(p.Id, p.Title ?? p.Id, p.Skill, p.Kind, items, TimeSpan.FromMinutes(p.DurationMin), TimeSpan.FromDays(lead), calendar, runtime);
    }

    // The topology file's other sections are skipped as they stream past.
    private sealed class FileDto
    {
        public SectionDto? Maintenance { get; init; }
    }

    private sealed class SectionDto
    {
        [JsonPropertyName("lead_days")] public int? LeadDays { get; init; }
        public List<TeamDto> Teams { get; init; } = [];
        public List<PlanDto> Plans { get; init; } = [];
    }

    private sealed class TeamDto
    {
        public string? Id { get; init; }
        public string? Name { get; init; }
        public string? Skill { get; init; }
        [JsonPropertyName("timezone")] public string? TimeZone { get; init; }
        [JsonPropertyName("working_days")] public List<string>? WorkingDays { get; init; }
        public string? Hours { get; init; }
        public int Capacity { get; init; } = 1;
    }

    private sealed class PlanDto
    {
        public string? Id { get; init; }
        public string? Title { get; init; }
        public string? Skill { get; init; }
        public string? Kind { get; init; }
        public List<string>? Equipment { get; init; }
        [JsonPropertyName("duration_min")] public int DurationMin { get; init; } = 60;
        [JsonPropertyName("lead_days")] public int? LeadDays { get; init; }
        public CalendarDto? Calendar { get; init; }
        public RuntimeDto? Runtime { get; init; }
    }

    private sealed class CalendarDto
    {
        public int Every { get; init; } = 1;
        public string? Unit { get; init; }
        public string? Start { get; init; }
    }

    private sealed class RuntimeDto
    {
        [JsonPropertyName("every_hours")] public double? EveryHours { get; init; }
        [JsonPropertyName("every_starts")] public int? EveryStarts { get; init; }
        public string? Metric { get; init; }
    }
}
