using System.Text.Json;
using System.Text.Json.Nodes;

namespace FacilityHub.EndToEnd.Tests;

/// <summary>The shipped topology (deploy/topology.json) plus a test building whose items override their kind's
/// rules with short delays, so that time-driven rules show within seconds on the real hub. <c>t-sla</c> raises the
/// only normal-urgency orders, whose on-site limit the fixture cuts to <see cref="NormalOnSiteLimit"/>. <c>t-drill-dishwasher</c>
/// gets back-to-back water-change periods of <see cref="DrillMealPeriod"/> for two hours from when the topology is written
/// (judged only while its conveyor runs, so they stay quiet while no drill feeds it). The <c>t-drill-washer-*</c> dishwashers
/// have one meal hour hours away (<see cref="IdleMealHour"/>): the fleet simulator keeps them idle all through the tests.
/// The fleet simulator's topology (<see cref="WriteFleet"/>) carries the same rule overrides, so both see the same meals.</summary>
public static class TestTopology
{
    public const string Building = "rs-test";

    /// <summary>The test hub's on-site limit for normal-urgency orders (WorkOrders:Sla:Normal:OnSite).</summary>
    public static readonly TimeSpan NormalOnSiteLimit = TimeSpan.FromSeconds(2);

    /// <summary>The test hub's verification window (WorkOrders:VerifyWindow): how long a repaired device must read normal.</summary>
    public static readonly TimeSpan VerifyWindow = TimeSpan.FromSeconds(2);

    /// <summary>Length of t-drill-dishwasher's water-change periods (one change required in each).</summary>
    public static readonly TimeSpan DrillMealPeriod = TimeSpan.FromSeconds(4);

    private const int DrillMealHours = 2;

    /// <summary>The one meal hour (UTC) of the <c>t-drill-washer-*</c> dishwashers: six hours after the tests started, so
    /// their machines stand idle (not even heating) through the run.</summary>
    public static readonly int IdleMealHour = Math.Min((DateTime.UtcNow.Hour + 6) % 24, 22);

    private const string Items = """
        [
          { "id": "t-pump-dry", "kind": "water_pump", "rules": { "dry_run": { "on_delay_s": 1, "off_delay_s": 1 }, "offline": { "enabled": false } } },
          { "id": "t-pump-quiet", "kind": "water_pump", "rules": { "offline": { "after_s": 2 } } },
          { "id": "t-pump-influx-down", "kind": "water_pump", "rules": { "offline": { "enabled": false } } },
          { "id": "t-pump-chatter", "kind": "water_pump", "rules": { "offline": { "enabled": false } } },
          { "id": "t-dishwasher", "kind": "dishwasher", "rules": { "rinse_temp_low": { "on_delay_s": 1, "off_delay_s": 1 } } },
          { "id": "t-alarm-chatter", "kind": "home_alarm", "rules": { "offline": { "enabled": false } } },
          { "id": "t-alarm-arming", "kind": "home_alarm", "rules": { "offline": { "enabled": false } } },
          { "id": "t-alarm-a", "kind": "home_alarm", "rules": { "offline": { "enabled": false } } },
          { "id": "t-alarm-b", "kind": "home_alarm", "rules": { "offline": { "enabled": false } } },
          { "id": "t-alarm-c", "kind": "home_alarm", "rules": { "offline": { "enabled": false } } },
          { "id": "t-alarm-d", "kind": "home_alarm", "rules": { "offline": { "enabled": false } } },
          { "id": "t-alarm-e", "kind": "home_alarm", "rules": { "offline": { "enabled": false } } },
          { "id": "t-alarm-f", "kind": "home_alarm", "rules": { "offline": { "enabled": false } } },
          { "id": "t-alarm-oos", "kind": "home_alarm", "rules": { "offline": { "enabled": false } } },
          { "id": "t-pump-hostile", "kind": "water_pump", "rules": { "offline": { "enabled": false } } },
          { "id": "t-pump-good", "kind": "water_pump", "rules": { "offline": { "enabled": false } } },
          { "id": "t-wo-reject", "kind": "home_alarm", "rules": { "offline": { "enabled": false } } },
          { "id": "t-wo-visit", "kind": "home_alarm", "rules": { "offline": { "enabled": false } } },
          { "id": "t-wo-repeat", "kind": "home_alarm", "rules": { "offline": { "enabled": false } } },
          { "id": "t-wo-cleared", "kind": "home_alarm", "rules": { "offline": { "enabled": false } } },
          { "id": "t-wo-verify", "kind": "home_alarm", "rules": { "offline": { "enabled": false } } },
          { "id": "t-wo-followup", "kind": "home_alarm", "rules": { "offline": { "enabled": false } } },
          { "id": "t-wo-unsigned", "kind": "home_alarm", "rules": { "offline": { "enabled": false } } },
          { "id": "t-wo-cancel", "kind": "home_alarm", "rules": { "offline": { "enabled": false } } },
          { "id": "t-sla", "kind": "home_alarm", "rules": { "offline": { "enabled": false }, "zone_tripped": { "priority": "medium" } } },
          { "id": "t-drill-pump", "kind": "water_pump", "rules": { "offline": { "enabled": false } } },
          { "id": "t-drill-quiet", "kind": "water_pump", "rules": { "offline": { "after_s": 2 } } },
          { "id": "t-drill-alarm", "kind": "home_alarm", "rules": { "offline": { "enabled": false } } },
          { "id": "t-drill-cavitation", "kind": "water_pump", "rules": { "offline": { "enabled": false }, "cavitation": { "on_delay_s": 1, "off_delay_s": 1 } } },
          { "id": "t-drill-stuck", "kind": "water_pump", "rules": { "offline": { "enabled": false }, "pressure_sensor_stuck": { "after_s": 2 } } },
          { "id": "t-drill-noisy", "kind": "water_pump", "rules": { "offline": { "enabled": false }, "vibration_zone_c": { "on_delay_s": 2, "off_delay_s": 2 } } },
          { "id": "t-drill-armed", "kind": "home_alarm", "rules": { "offline": { "enabled": false } } },
          { "id": "t-drill-disarmed", "kind": "home_alarm", "rules": { "offline": { "enabled": false } } },
          { "id": "t-drill-dishwasher", "kind": "dishwasher", "rules": { "water_changes": { "timezone": "UTC", "only_when": [ { "metric": "conveyor_running", "equals": 1 } ] } } },
          { "id": "t-drill-washer-heat", "kind": "dishwasher", "rules": { "water_changes": { "timezone": "UTC", "only_when": [ { "metric": "conveyor_running", "equals": 1 } ] } } },
          { "id": "t-drill-washer-rinse", "kind": "dishwasher", "rules": { "water_changes": { "timezone": "UTC", "only_when": [ { "metric": "conveyor_running", "equals": 1 } ] }, "rinse_temp_low": { "on_delay_s": 1, "off_delay_s": 1 } } },
          { "id": "t-drill-washer-noise", "kind": "dishwasher", "rules": { "water_changes": { "timezone": "UTC", "only_when": [ { "metric": "conveyor_running", "equals": 1 } ] } } },
          { "id": "t-drill-washer-idle", "kind": "dishwasher", "rules": { "water_changes": { "timezone": "UTC", "only_when": [ { "metric": "conveyor_running", "equals": 1 } ] } } },
          { "id": "t-drill-malformed", "kind": "water_pump", "rules": { "offline": { "enabled": false } } },
          { "id": "t-drill-oversized", "kind": "water_pump", "rules": { "offline": { "enabled": false } } },
          { "id": "t-drill-dupes", "kind": "home_alarm", "rules": { "offline": { "enabled": false } } },
          { "id": "t-drill-late", "kind": "water_pump", "rules": { "offline": { "enabled": false } } },
          { "id": "t-drill-wrong", "kind": "water_pump", "rules": { "offline": { "enabled": false } } },
          { "id": "t-pump-maint", "kind": "water_pump", "rules": { "offline": { "enabled": false } } },
          { "id": "t-pump-maint-held", "kind": "water_pump", "rules": { "offline": { "enabled": false } } },
          { "id": "t-pump-maint-cli", "kind": "water_pump", "rules": { "offline": { "enabled": false } } },
          { "id": "t-pump-maint-restart", "kind": "water_pump", "rules": { "offline": { "enabled": false } } },
          { "id": "t-report-a", "kind": "home_alarm", "rules": { "offline": { "enabled": false } } },
          { "id": "t-report-b", "kind": "home_alarm", "rules": { "offline": { "enabled": false } } },
          { "id": "t-pump-pm", "kind": "water_pump", "rules": { "offline": { "enabled": false } } },
          { "id": "t-pump-restart", "kind": "water_pump", "rules": { "offline": { "enabled": false } } },
          { "id": "t-pump-old-record", "kind": "water_pump", "rules": { "offline": { "enabled": false } } },
          { "id": "t-alarm-svc", "kind": "home_alarm", "location": "Room T01", "resident": { "name": "Svc Testresident", "phone": "+86 138 0000 9901" }, "rules": { "offline": { "enabled": false } } },
          { "id": "t-alarm-svc-op", "kind": "home_alarm", "rules": { "offline": { "enabled": false } } },
          { "id": "t-alarm-svc-away", "kind": "home_alarm", "rules": { "offline": { "enabled": false } } }
        ]
        """;

    /// <summary>The shipped home alarm team (skill alarm_systems, one crew, Mon-Sat 09:00-18:00 Asia/Shanghai) that
    /// takes the home alarm services requested in the tests.</summary>
    public const string AlarmTeam = "alarms";

    /// <summary>The test team: one crew, every day 00:00-23:59 UTC, so that a visit can be booked whenever the tests run.</summary>
    public const string PmTeam = "t-team";

    /// <summary>The test plan: <c>t-pump-pm</c> checked weekly from the day the topology was written (UTC), 30 minutes, orders 7 days ahead.</summary>
    public const string PmPlan = "t_pm_check";

    public static readonly DateOnly PmStart = DateOnly.FromDateTime(DateTime.UtcNow);

    /// <summary>Writes the test topology into <paramref name="folder"/> and returns its path.</summary>
    public static string Write(string folder)
    {
        var root = JsonNode.Parse(File.ReadAllText(ShippedPath()), documentOptions: new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true })!;
        var items = ItemsWithMeals();
        var building = new JsonObject { ["id"] = Building, ["name"] = "Test plant room", ["equipment"] = items };
        root["sites"]![0]!["buildings"]!.AsArray().Add(building);
        root["maintenance"]!["teams"]!.AsArray().Add(JsonNode.Parse($$"""
            { "id": "{{PmTeam}}", "name": "Test crew", "skill": "t_skill", "timezone": "UTC",
              "working_days": ["mon","tue","wed","thu","fri","sat","sun"], "hours": "00:00-23:59", "capacity": 1 }
            """));
        root["maintenance"]!["plans"]!.AsArray().Add(JsonNode.Parse($$"""
            { "id": "{{PmPlan}}", "title": "Test pump check", "equipment": ["t-pump-pm"], "skill": "t_skill", "duration_min": 30, "lead_days": 7,
              "calendar": { "every": 1, "unit": "week", "start": "{{PmStart:yyyy-MM-dd}}" } }
            """));
        string path = Path.Combine(folder, "topology.e2e.json");
        File.WriteAllText(path, root.ToJsonString());
        return path;
    }

    // The test items, the drill dishwashers' meal periods filled in.
    private static JsonArray ItemsWithMeals()
    {
        var items = JsonNode.Parse(Items)!.AsArray();
        items.Single(i => (string)i!["id"]! == "t-drill-dishwasher")!["rules"]!["water_changes"]!["periods"] = DrillMealPeriods(DateTimeOffset.UtcNow);
        foreach (var washer in items.Where(i => ((string)i!["id"]!).StartsWith("t-drill-washer-", StringComparison.Ordinal)))
        {
            washer!["rules"]!["water_changes"]!["periods"] = new JsonArray(new JsonObject
            {
                ["name"] = "meal", ["start"] = $"{IdleMealHour:00}:00", ["end"] = $"{IdleMealHour:00}:59", ["min"] = 1,
            });
        }

        return items;
    }

    // Back-to-back periods (UTC) from now on, none across midnight, so a drill any time during the run has short meals.
    private static JsonArray DrillMealPeriods(DateTimeOffset now)
    {
        var periods = new JsonArray();
        var step = (long)DrillMealPeriod.TotalSeconds;
        var first = now.ToUnixTimeSeconds() / step * step;
        for (var t = first; t < first + DrillMealHours * 3600; t += step)
        {
            var start = TimeOnly.FromDateTime(DateTimeOffset.FromUnixTimeSeconds(t).UtcDateTime);
            var end = start.Add(DrillMealPeriod, out var wrapped);
            if (wrapped != 0 || end == TimeOnly.MinValue) continue;
            periods.Add(new JsonObject { ["name"] = $"meal-{start:HHmmss}", ["start"] = $"{start:HH:mm:ss}", ["end"] = $"{end:HH:mm:ss}", ["min"] = 1 });
        }

        return periods;
    }

    /// <summary>A fleet of only <paramref name="equipmentIds"/> (items of the test building with their rule overrides, the shipped kinds), for the
    /// fleet simulator, written into <paramref name="folder"/>; returns its path.</summary>
    public static string WriteFleet(string folder, params string[] equipmentIds)
    {
        var root = JsonNode.Parse(File.ReadAllText(ShippedPath()), documentOptions: new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true })!;
        var items = ItemsWithMeals().Where(i => equipmentIds.Contains((string)i!["id"]!))
            .Select(i => (JsonNode)new JsonObject { ["id"] = (string)i!["id"]!, ["name"] = (string)i["id"]!, ["kind"] = (string)i["kind"]!, ["rules"] = i["rules"]?.DeepClone() });
        var building = new JsonObject { ["id"] = Building, ["name"] = "Test plant room", ["equipment"] = new JsonArray([.. items]) };
        root["sites"] = new JsonArray(new JsonObject { ["id"] = "riverside", ["name"] = "Riverside Gardens", ["buildings"] = new JsonArray(building) });
        string path = Path.Combine(folder, $"fleet-{string.Join("-", equipmentIds)}.json");
        File.WriteAllText(path, root.ToJsonString());
        return path;
    }

    /// <summary>A home's resident as seeded in deploy/topology.json (made-up people).</summary>
    public sealed record Resident(string EquipmentId, string BuildingId, string Name, string Phone);

    /// <summary>Every resident seeded in the shipped topology, read from the file itself (not through the hub's loader).</summary>
    public static IReadOnlyList<Resident> Residents()
    {
        var root = JsonNode.Parse(File.ReadAllText(ShippedPath()), documentOptions: new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true })!;
        return [.. root["sites"]!.AsArray().SelectMany(s => s!["buildings"]!.AsArray()).SelectMany(b => b!["equipment"]!.AsArray()
            .Where(e => e!["resident"] is not null)
            .Select(e => new Resident((string)e!["id"]!, (string)b!["id"]!, (string)e["resident"]!["name"]!, (string)e["resident"]!["phone"]!)))];
    }

    public static string Topic(string equipmentId, string channel = "telemetry") => $"facility/riverside/{Building}/{equipmentId}/{channel}";

    private static string ShippedPath()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            string candidate = Path.Combine(dir.FullName, "deploy", "topology.json");
            if (File.Exists(candidate)) return candidate;
        }
        throw new FileNotFoundException("deploy/topology.json not found above the test binaries");
    }
}
