using System.Text.Json;
using System.Text.Json.Nodes;

namespace FacilityHub.EndToEnd.Tests;

/// <summary>The shipped topology (deploy/topology.json) plus a test building whose items override their kind's
/// rules with short delays, so that time-driven rules show within seconds on the real hub. <c>t-sla</c> raises the
/// only normal-urgency orders, whose on-site limit the fixture cuts to <see cref="NormalOnSiteLimit"/>.</summary>
public static class TestTopology
{
    public const string Building = "rs-test";

    /// <summary>The test hub's on-site limit for normal-urgency orders (WorkOrders:Sla:Normal:OnSite).</summary>
    public static readonly TimeSpan NormalOnSiteLimit = TimeSpan.FromSeconds(2);

    /// <summary>The test hub's verification window (WorkOrders:VerifyWindow): how long a repaired device must read normal.</summary>
    public static readonly TimeSpan VerifyWindow = TimeSpan.FromSeconds(2);

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
          { "id": "t-drill-alarm", "kind": "home_alarm", "rules": { "offline": { "enabled": false } } },
          { "id": "t-pump-maint", "kind": "water_pump", "rules": { "offline": { "enabled": false } } },
          { "id": "t-pump-maint-held", "kind": "water_pump", "rules": { "offline": { "enabled": false } } },
          { "id": "t-pump-maint-cli", "kind": "water_pump", "rules": { "offline": { "enabled": false } } },
          { "id": "t-pump-pm", "kind": "water_pump", "rules": { "offline": { "enabled": false } } }
        ]
        """;

    /// <summary>The test team: one crew, every day 00:00-23:59 UTC, so that a visit can be booked whenever the tests run.</summary>
    public const string PmTeam = "t-team";

    /// <summary>The test plan: <c>t-pump-pm</c> checked weekly from the day the topology was written (UTC), 30 minutes, orders 7 days ahead.</summary>
    public const string PmPlan = "t_pm_check";

    public static readonly DateOnly PmStart = DateOnly.FromDateTime(DateTime.UtcNow);

    /// <summary>Writes the test topology into <paramref name="folder"/> and returns its path.</summary>
    public static string Write(string folder)
    {
        var root = JsonNode.Parse(File.ReadAllText(ShippedPath()), documentOptions: new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true })!;
        var building = new JsonObject { ["id"] = Building, ["name"] = "Test plant room", ["equipment"] = JsonNode.Parse(Items) };
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

    /// <summary>A fleet of only <paramref name="equipmentIds"/> (items of the test building, with the shipped kinds), for the
    /// fleet simulator, written into <paramref name="folder"/>; returns its path.</summary>
    public static string WriteFleet(string folder, params string[] equipmentIds)
    {
        var root = JsonNode.Parse(File.ReadAllText(ShippedPath()), documentOptions: new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true })!;
        var items = JsonNode.Parse(Items)!.AsArray().Where(i => equipmentIds.Contains((string)i!["id"]!))
            .Select(i => (JsonNode)new JsonObject { ["id"] = (string)i!["id"]!, ["name"] = (string)i["id"]!, ["kind"] = (string)i["kind"]! });
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
