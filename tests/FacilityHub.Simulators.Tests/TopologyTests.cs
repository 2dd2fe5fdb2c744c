using FacilityHub.FleetSimulator.Topology;

namespace FacilityHub.Simulators.Tests;

public sealed class TopologyTests
{
    [Theory]
    [InlineData("""{ "kinds": {}, "sites": [ { "id": "s", "buildings": [ { "id": "b", "equipment": [ { "id": "x", "kind": "pump" } ] } ] } ] }""", "kind 'pump'")]
    [InlineData("""{ "kinds": { "k": {} }, "sites": [ { "id": "s/1", "buildings": [] } ] }""", "MQTT topic level")]
    [InlineData("""{ "kinds": { "k": { "metrics": { "m": { "min": 5, "max": 1 } } } }, "sites": [] }""", "above max")]
    [InlineData("""{ "sites": [] }""", "\"kinds\"")]
    [InlineData("""{ "kinds": { "k": {} }, "sites": [ { "id": "s", "buildings": [ { "id": "b", "equipment": [ { "id": "x", "kind": "k" }, { "id": "x", "kind": "k" } ] } ] } ] }""", "more than once")]
    [InlineData("{ nope", "not valid JSON")]
    public void Rejects_what_it_cannot_publish_with_a_clear_message(string json, string expected)
    {
        var ex = Assert.Throws<TopologyException>(() => FleetTopology.Parse(json));

        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_file_is_a_topology_error_naming_the_path()
    {
        var ex = await Assert.ThrowsAsync<TopologyException>(() => FleetTopology.LoadAsync("/nonexistent/topology.json", CancellationToken.None));

        Assert.Contains("/nonexistent/topology.json", ex.Message, StringComparison.Ordinal);
    }
}
