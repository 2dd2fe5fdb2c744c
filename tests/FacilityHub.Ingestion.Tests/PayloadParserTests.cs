using System.Buffers;
using System.Text;
using FacilityHub.Domain.Telemetry;
using FacilityHub.Ingestion.Mqtt;

namespace FacilityHub.Ingestion.Tests;

public sealed class PayloadParserTests
{
    private static ParsedPayload Telemetry(string json) => PayloadParser.Parse(new ReadOnlySequence<byte>(Encoding.UTF8.GetBytes(json)), MessageKind.Telemetry);

    private static RejectReason Rejected(string json, MessageKind kind = MessageKind.Telemetry) =>
        Assert.Throws<PayloadException>(() => PayloadParser.Parse(new ReadOnlySequence<byte>(Encoding.UTF8.GetBytes(json)), kind)).Reason;

    [Fact]
    public void Telemetry_with_an_iso_timestamp_gives_every_value_booleans_as_one_and_zero()
    {
        var p = Telemetry("""{"ts":"2026-11-25T10:00:03.250Z","values":{"outlet_pressure_bar":4.5,"running":true,"dry":false},"fw":"1.2"}""");

        Assert.Equal(new DateTimeOffset(2026, 11, 25, 10, 0, 3, 250, TimeSpan.Zero), p.Timestamp);
        Assert.Equal([new("outlet_pressure_bar", 4.5), new("running", 1), new("dry", 0)], p.Values);
        Assert.Empty(p.Dropped);
    }

    [Theory]
    [InlineData("2026-11-25T10:00:03Z")]
    [InlineData("2026-11-25T10:00:03.0000000Z")]
    [InlineData("2026-11-25T11:00:03+01:00")]
    [InlineData("2026-11-25T10:00:03")]
    [InlineData("2026-11-25 10:00:03Z")]
    [InlineData("2026-11-25T10:00:03\\u005A")] // an escaped Z: the general way
    public void Iso_timestamps_in_utc_with_an_offset_or_none_are_the_same_instant_in_utc(string ts)
    {
        var at = Telemetry($$$"""{"ts":"{{{ts}}}","values":{"a":1}}""").Timestamp;

        Assert.Equal(new DateTimeOffset(2026, 11, 25, 10, 0, 3, TimeSpan.Zero), at);
        Assert.Equal(TimeSpan.Zero, at!.Value.Offset);
    }

    [Theory]
    [InlineData(3)]
    [InlineData(8)]
    [InlineData(30)]
    public void A_metric_named_twice_is_a_duplicate_key_however_many_names_come_between(int names)
    {
        var between = string.Join(",", Enumerable.Range(1, names).Select(i => $"\"m{i}\":{i}"));
        var ok = $$$"""{"values":{"first":0,{{{between}}}}}""";
        var twice = $$$"""{"values":{"first":0,{{{between}}},"first":1}}""";
        var droppedTwice = $$$"""{"values":{"first":"x",{{{between}}},"first":1}}""";

        Assert.Equal(names + 1, Telemetry(ok).Values.Count);
        Assert.Equal(RejectReason.DuplicateKey, Assert.Throws<PayloadException>(() => Telemetry(twice)).Reason);
        Assert.Equal(RejectReason.DuplicateKey, Assert.Throws<PayloadException>(() => Telemetry(droppedTwice)).Reason);
    }

    [Fact]
    public void Metric_names_beyond_the_kept_ones_still_come_through_as_sent()
    {
        // More made-up names than the parser keeps (4,096): every one is still read, none mistaken for another.
        for (int batch = 0; batch < 60; batch++)
        {
            var names = Enumerable.Range(0, 100).Select(i => $"made_up_{batch}_{i}").ToList();
            var p = Telemetry($$$"""{"values":{{{{string.Join(",", names.Select((n, i) => $"\"{n}\":{i}"))}}}}}""");

            Assert.Equal(names.Select((n, i) => new MetricValue(n, i)), p.Values);
        }
    }

    [Fact]
    public void A_timestamp_in_unix_milliseconds_is_read_and_a_missing_one_is_left_to_the_hub()
    {
        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1764064800000), Telemetry("""{"ts":1764064800000,"values":{"a":1}}""").Timestamp);
        Assert.Null(Telemetry("""{"values":{"a":1}}""").Timestamp);
    }

    [Fact]
    public void Values_that_are_not_numbers_are_listed_apart_and_the_numbers_kept()
    {
        var p = Telemetry("""{"values":{"a":"high","b":2,"c":null,"d":{"x":1},"e":1e400,"f":"4.5","g":[1]}}""");

        Assert.Equal([new("b", 2)], p.Values);
        Assert.Equal(
            [("a", RejectReason.NotANumber), ("c", RejectReason.NotANumber), ("d", RejectReason.NotANumber), ("e", RejectReason.OutOfRange),
             ("f", RejectReason.NotANumber), ("g", RejectReason.NotANumber)],
            p.Dropped);
    }

    [Fact]
    public void An_event_gives_its_name_and_zone()
    {
        var p = PayloadParser.Parse(new ReadOnlySequence<byte>(Encoding.UTF8.GetBytes("""{"ts":"2026-11-25T10:00:00Z","event":"zone_tripped","zone":"smoke"}""")), MessageKind.Event);

        Assert.Equal("zone_tripped", p.EventName);
        Assert.Equal("smoke", p.Zone);
    }

    [Theory]
    [InlineData("{\"values\":{\"a\":1}")]               // cut short
    [InlineData("not json")]
    [InlineData("[1,2,3]")]                              // not an object
    [InlineData("{\"values\":[1,2]}")]                   // values not an object
    [InlineData("{\"ts\":\"2026-11-25T10:00:00Z\"}")]    // no values
    [InlineData("{\"values\":{\"a\":1}} trailing")]
    [InlineData("{\"values\":{\"a\":NaN}}")]              // JSON has no NaN or Infinity literals
    [InlineData("{\"values\":{\"a\":Infinity}}")]
    [InlineData("{\"values\":{\"a\":1},\"device\":7}")]    // an id that is not a string
    public void Malformed_telemetry_is_rejected_as_malformed_json(string json) =>
        Assert.Equal(RejectReason.MalformedJson, Rejected(json));

    [Fact]
    public void An_event_without_a_name_is_malformed_and_one_with_control_characters_in_it_has_a_bad_id()
    {
        Assert.Equal(RejectReason.MalformedJson, Rejected("""{"zone":"smoke"}""", MessageKind.Event));
        Assert.Equal(RejectReason.BadId, Rejected("{\"event\":\"zone\\u0000tripped\"}", MessageKind.Event));
    }

    [Fact]
    public void A_payload_over_16_KiB_is_rejected_as_oversized_before_it_is_read()
    {
        string big = "{\"values\":{\"a\":1},\"pad\":\"" + new string('x', PayloadParser.MaxBytes) + "\"}";

        Assert.Equal(RejectReason.Oversized, Rejected(big));
    }

    [Theory]
    [InlineData("{\"ts\":\"yesterday\",\"values\":{\"a\":1}}")]
    [InlineData("{\"ts\":-5,\"values\":{\"a\":1}}")]
    [InlineData("{\"ts\":true,\"values\":{\"a\":1}}")]
    public void A_timestamp_that_is_not_iso_8601_or_unix_milliseconds_is_rejected(string json) =>
        Assert.Equal(RejectReason.BadTimestamp, Rejected(json));
}
