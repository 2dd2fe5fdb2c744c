using FacilityHub.Domain.Alarms;
using FacilityHub.Domain.Topology;

namespace FacilityHub.Domain.Tests;

public sealed class TopologyLoaderTests
{
    [Fact]
    public void The_shipped_sample_estate_has_pumps_a_dishwasher_and_home_alarms_with_a_rule_each()
    {
        var estate = SampleEstate.Load();

        var site = Assert.Single(estate.Sites);
        Assert.Equal("riverside", site.Id);
        Assert.True(estate.TryGetEquipment("rs-b1-pump-1", out var pump));
        Assert.Equal("rs-b1", pump.BuildingId);
        Assert.Equal(AlarmPriority.Emergency, pump.Kind.Rules.Single(r => r.Id == "pressure_collapse").Priority);
        Assert.Contains(estate.Equipment, e => e.Kind.Name == "dishwasher");
        Assert.Contains(estate.Equipment, e => e.Kind.Name == "home_alarm" && e.Kind.Rules.Any(r => r.Kind == RuleKind.Event));
    }

    [Fact]
    public void A_new_kind_of_equipment_comes_from_configuration_alone()
    {
        var estate = TopologyLoader.Parse("""
            {
              "kinds": { "lift": { "metrics": { "door_cycles": { "unit": "1", "min": 0, "max": 1000000 }, "car_temp_c": { "min": -20, "max": 80 } },
                                   "rules": [ { "id": "car_hot", "type": "threshold", "metric": "car_temp_c", "above": 40, "priority": "medium" } ] } },
              "sites": [ { "id": "s1", "buildings": [ { "id": "b1", "equipment": [ { "id": "lift-a", "kind": "lift" } ] } ] } ]
            }
            """);

        Assert.True(estate.TryGetEquipment("lift-a", out var lift));
        Assert.Equal(40, lift.Kind.Rules.Single().Above);
        Assert.Equal(AlarmPriority.Medium, lift.Kind.Rules.Single().Priority);
    }

    [Theory]
    [InlineData("""{ "kinds": {}, "sites": [ { "id": "s1", "buildings": [ { "id": "b1", "equipment": [ { "id": "x", "kind": "boiler" } ] } ] } ] }""", "kind 'boiler', which is not defined")]
    [InlineData("""{ "sites": [ { "id": "s1", "buildings": [ { "id": "s1" } ] } ] }""", "'s1' is used twice")]
    [InlineData("""{ "sites": [ { "id": "a/#" } ] }""", "Invalid id 'a/#'")]
    [InlineData("""{ "kinds": { "k": { "metrics": { "t": {} }, "rules": [ { "id": "r", "type": "threshold", "metric": "nope", "below": 1, "priority": "low" } ] } } }""", "'metric' must name one of the kind's metrics")]
    [InlineData("""{ "kinds": { "k": { "rules": [ { "id": "r", "type": "event", "event": "boom" } ] } } }""", "'priority' is required")]
    [InlineData("""{ "sites": [ }""", "not valid JSON")]
    [InlineData("""{ "sites": [ { "id": "s1\n" } ] }""", "Invalid id 's1\n'")]
    [InlineData("""{ "kinds": { "k": { "metrics": { "Flow/../x": {} } } } }""", "Kind 'k' metric 'Flow/../x': use 1-64 of a-z")]
    [InlineData("""{ "kinds": { "k": { "events": [ "door+open" ] } } }""", "Kind 'k' event 'door+open': use 1-64 of a-z")]
    [InlineData("""{ "kinds": { "k": { "events": [ "e" ], "rules": [ { "id": "r", "type": "event", "event": "e", "zones": [ "#" ], "priority": "low" } ] } } }""", "'zones' zone '#'")]
    [InlineData("""{ "kinds": { "k": { "metrics": { "t": {} }, "rules": [ { "id": "r", "type": "threshold", "metric": "t", "below": 1, "deadband": -1, "priority": "low" } ] } } }""", "'deadband' must not be negative")]
    [InlineData("""{ "kinds": { "k": { "metrics": { "t": {} }, "rules": [ { "id": "r", "type": "threshold", "metric": "t", "below": 5, "clear_at": 4, "priority": "low" } ] } } }""", "clear level 4 is on the alarm side")]
    [InlineData("""{ "kinds": { "k": { "metrics": { "t": {} }, "rules": [ { "id": "r", "type": "rate_of_change", "metric": "t", "priority": "low" } ] } } }""", "exactly one of 'rising_faster_than' or 'falling_faster_than'")]
    [InlineData("""{ "kinds": { "k": { "metrics": { "t": {} }, "rules": [ { "id": "r", "type": "composite", "all": [ { "metric": "t", "below": 1, "above": 2 } ], "priority": "low" } ] } } }""", "'all[0]' needs exactly one of 'above', 'below', 'equals'")]
    [InlineData("""{ "kinds": { "k": { "rules": [ { "id": "r", "type": "stale", "priority": "low" } ] } } }""", "'after_s' must be positive")]
    [InlineData("""{ "kinds": { "k": { "metrics": { "m": { "unit": "x" } }, "rules": [ { "id": "r", "type": "flatline", "metric": "m", "priority": "low" } ] } } }""", "'after_s' must be positive")]
    [InlineData("""{ "kinds": { "k": { "metrics": { "m": { "unit": "x" } }, "rules": [ { "id": "r", "type": "flatline", "metric": "m", "after_s": 60, "tolerance": -1, "priority": "low" } ] } } }""", "'tolerance' must be 0 or more")]
    [InlineData("""{ "kinds": { "k": { "metrics": { "t": {} }, "rules": [ { "id": "r", "type": "threshold", "metric": "t", "below": 1, "on_delay_s": -5, "priority": "low" } ] } } }""", "'on_delay_s' must be 0 to 604800 seconds")]
    [InlineData("""{ "kinds": { "k": { "events": [ "e" ], "rules": [ { "id": "r", "type": "compliance", "event": "e", "timezone": "Mars/Olympus", "periods": [ { "start": "06:00", "end": "07:00", "min": 1 } ], "priority": "low" } ] } } }""", "unknown 'timezone' 'Mars/Olympus'")]
    [InlineData("""{ "kinds": { "k": { "events": [ "e" ], "rules": [ { "id": "r", "type": "compliance", "event": "e", "periods": [ { "start": "06:00", "end": "08:00", "min": 1 }, { "start": "07:00", "end": "09:00", "min": 1 } ], "priority": "low" } ] } } }""", "overlap")]
    [InlineData("""{ "kinds": { "k": { "rules": [ { "id": "r", "type": "stale", "after_s": 5, "priority": "low" } ] } }, "sites": [ { "id": "s", "buildings": [ { "id": "b", "equipment": [ { "id": "x", "kind": "k", "rules": { "nope": { "after_s": 1 } } } ] } ] } ] }""", "overrides rule 'nope', which kind 'k' does not have")]
    public void An_invalid_topology_is_refused_with_a_message_naming_the_problem(string json, string expected)
    {
        var e = Assert.Throws<TopologyException>(() => TopologyLoader.Parse(json));
        Assert.Contains(expected, e.Message);
    }

    [Fact]
    public void A_topology_file_is_streamed_and_refused_as_its_text_would_be_with_the_line_of_the_problem()
    {
        var dir = Directory.CreateTempSubdirectory("fh-topology-");
        try
        {
            // Tried: a file cut off inside the sites (JSON broken on line 3), a file that does not exist, and the
            // sample estate read from disk and from its text.
            var broken = Path.Combine(dir.FullName, "broken.json");
            File.WriteAllText(broken, "{\n  \"kinds\": {},\n  \"sites\": [ }\n");
            var e = Assert.Throws<TopologyException>(() => TopologyLoader.LoadFile(broken));
            Assert.Contains("not valid JSON", e.Message);
            Assert.Contains("(line 3)", e.Message);

            var missing = Path.Combine(dir.FullName, "none.json");
            Assert.Contains($"Topology file '{missing}' cannot be read", Assert.Throws<TopologyException>(() => TopologyLoader.LoadFile(missing)).Message);

            var streamed = SampleEstate.Load();
            var parsed = TopologyLoader.Parse(File.ReadAllText(SampleEstate.Path));
            Assert.Equal(parsed.Equipment.Select(i => (i.Id, i.Kind.Name, i.BuildingId)), streamed.Equipment.Select(i => (i.Id, i.Kind.Name, i.BuildingId)));
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [Fact]
    public void An_item_overrides_fields_of_its_kind_s_rules_or_switches_one_off_and_its_siblings_keep_the_defaults()
    {
        var estate = TopologyLoader.Parse("""
            {
              "kinds": { "pump": { "metrics": { "p": { "unit": "bar" } },
                                   "rules": [ { "id": "low", "type": "threshold", "metric": "p", "below": 1, "deadband": 0.5, "priority": "high" },
                                              { "id": "offline", "type": "stale", "after_s": 60, "priority": "medium" } ] } },
              "sites": [ { "id": "s", "buildings": [ { "id": "b", "equipment": [
                { "id": "quiet", "kind": "pump", "rules": { "low": { "below": 0.5 }, "offline": { "enabled": false } } },
                { "id": "plain", "kind": "pump" } ] } ] } ]
            }
            """);

        Assert.True(estate.TryGetEquipment("quiet", out var quiet));
        Assert.True(estate.TryGetEquipment("plain", out var plain));
        var low = Assert.Single(quiet.Kind.Rules);
        Assert.Equal((0.5, 1.0, AlarmPriority.High), (low.Below!.Value, low.ClearAt!.Value, low.Priority));
        Assert.Equal(["low", "offline"], plain.Kind.Rules.Select(r => r.Id));
        Assert.Equal(1, plain.Kind.Rules[0].Below);
    }

    [Fact]
    public void The_clubhouse_canteen_has_its_own_meal_periods_in_the_sample_estate()
    {
        Assert.True(SampleEstate.Load().TryGetEquipment("rs-club-dishwasher-1", out var dishwasher));

        var rule = dishwasher.Kind.Rules.Single(r => r.Id == "water_changes");

        Assert.Equal(RuleKind.Compliance, rule.Kind);
        Assert.Equal(["breakfast 07:00-09:30 min 4", "lunch 11:30-14:30 min 6", "dinner 17:30-20:30 min 4"],
            rule.Periods.Select(p => $"{p.Name} {p.Start:HH\\:mm}-{p.End:HH\\:mm} min {p.Minimum}"));
        Assert.Equal("Asia/Shanghai", rule.TimeZone.Id);
    }

    [Fact]
    public void A_home_s_resident_is_kept_apart_from_the_alarm_point_and_never_shows_in_its_text()
    {
        var estate = SampleEstate.Load();

        Assert.True(estate.TryGetResident("rs-b1-alarm-0301", out var resident));
        Assert.Equal(new ResidentContact("Mei Lin", "+86 138 0000 0301"), resident);
        Assert.False(estate.TryGetResident("rs-b1-pump-1", out _));
        // Everything that can reach a log, a tag or a work order: the item, its kind, and the contact's own text.
        Assert.True(estate.TryGetEquipment("rs-b1-alarm-0301", out var item));
        Assert.DoesNotContain("Mei Lin", item.ToString());
        Assert.DoesNotContain("Mei Lin", resident.ToString());
        Assert.DoesNotContain("0000 0301", resident.ToString());
        Assert.DoesNotContain("Mei Lin", $"{resident}");
    }

    private const string HomeKind = """
        "kinds": { "home": { "category": "alarm_point" }, "pump": { "category": "equipment" } }
        """;

    [Theory]
    [InlineData("pump", "{ \"name\": \"Mei Lin\", \"phone\": \"+86 138 0000 0301\" }", "Equipment 'x' resident: only items of a kind with category 'alarm_point' are in a home; kind 'pump' is not.")]
    [InlineData("home", "{ \"phone\": \"+86 138 0000 0301\" }", "Equipment 'x' resident: 'name' is required, 1-100 printable characters.")]
    [InlineData("home", "{ \"name\": \"Mei Lin\", \"phone\": \"call Mei Lin\" }", "Equipment 'x' resident: 'phone' must be a phone number: digits, spaces, '-', '(', ')', an optional leading '+'.")]
    public void A_bad_resident_is_refused_without_repeating_the_personal_data(string kind, string resident, string expected)
    {
        var json = $$"""{ {{HomeKind}}, "sites": [ { "id": "s", "buildings": [ { "id": "b", "equipment": [ { "id": "x", "kind": "{{kind}}", "resident": {{resident}} } ] } ] } ] }""";

        var e = Assert.Throws<TopologyException>(() => TopologyLoader.Parse(json));

        Assert.Equal(expected, e.Message);
        Assert.DoesNotContain("Mei Lin", e.Message);
    }
}
