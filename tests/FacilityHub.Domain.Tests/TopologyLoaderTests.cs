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
    public void An_invalid_topology_is_refused_with_a_message_naming_the_problem(string json, string expected)
    {
        var e = Assert.Throws<TopologyException>(() => TopologyLoader.Parse(json));
        Assert.Contains(expected, e.Message);
    }
}
