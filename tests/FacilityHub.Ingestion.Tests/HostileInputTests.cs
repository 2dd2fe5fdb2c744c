using System.Buffers;
using System.Globalization;
using System.Text;
using FacilityHub.Domain.Telemetry;
using FacilityHub.Domain.Tests;
using FacilityHub.Ingestion.Pipeline;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Time.Testing;

namespace FacilityHub.Ingestion.Tests;

/// <summary>
/// Each hostile case of the security issue, through the gate every MQTT message passes: the hostile message from
/// rs-b1-pump-1, then in the same batch a good message from rs-b1-pump-2, which must still get in. Each case is
/// rejected with its reason and counted once, and nothing of its payload reaches the log.
/// </summary>
public sealed class HostileInputTests : IDisposable
{
    private const string Hostile = "facility/riverside/rs-b1/rs-b1-pump-1/telemetry";
    private const string Good = "facility/riverside/rs-b1/rs-b1-pump-2/telemetry";
    private const string Panel = "facility/riverside/rs-b1/rs-b1-alarm-0301/event";
    // Stands for personal data a payload may carry; it must never show in the log.
    private const string Secret = "mrs-jones-flat-12";
    private static readonly DateTimeOffset Now = new(2026, 11, 25, 10, 0, 0, TimeSpan.Zero);

    private readonly FakeTimeProvider _time = new(Now);
    private readonly IngestionStats _stats = new();
    private readonly FakeLogger<IngestionGate> _log = new();
    private readonly IngestionGate _gate;
    private int _good;

    public HostileInputTests() => _gate = new IngestionGate(SampleEstate.Load(), _stats, _time, _log);

    public void Dispose() => _stats.Dispose();

    private static string Ts(TimeSpan fromNow) => (Now + fromNow).ToString("O", CultureInfo.InvariantCulture);

    private AdmittedMessage? Admit(string topic, string payload) => Admit(topic, Encoding.UTF8.GetBytes(payload));

    private AdmittedMessage? Admit(string topic, byte[] payload) => _gate.Admit(topic, new ReadOnlySequence<byte>(payload));

    /// <summary>The hostile message, then a good one from another device; returns what was admitted of the first.</summary>
    private AdmittedMessage? Batch(string topic, string payload) => Batch(topic, Encoding.UTF8.GetBytes(payload));

    private AdmittedMessage? Batch(string topic, byte[] payload)
    {
        var hostile = Admit(topic, payload);
        _good++;
        var good = Admit(Good, $$$"""{"ts":"{{{Ts(TimeSpan.FromMilliseconds(-_good))}}}","values":{"outlet_pressure_bar":4.5,"flow_m3h":{{{_good}}},"running":1}}""");
        Assert.NotNull(good);
        Assert.Equal("rs-b1-pump-2", good.Item.Id);
        Assert.Equal([new("outlet_pressure_bar", 4.5), new("flow_m3h", _good), new("running", 1)], good.Values);
        return hostile;
    }

    /// <summary>Exactly these rejections were counted, and the log names the reason and the device but no payload.</summary>
    private void AssertRejected(params (RejectReason Reason, long Count)[] expected)
    {
        Assert.Equal(expected.OrderBy(e => e.Reason), _stats.Rejected.Select(r => (r.Key, r.Value)).OrderBy(e => e.Key));
        foreach (var (reason, _) in expected) Assert.Contains(_log.Collector.GetSnapshot(), r => r.Message.Contains($"Rejected MQTT input ({reason})", StringComparison.Ordinal));
        Assert.DoesNotContain(_log.Collector.GetSnapshot(), r => r.Message.Contains(Secret, StringComparison.Ordinal));
    }

    private void AssertWholeMessageRejected(AdmittedMessage? hostile, RejectReason reason)
    {
        Assert.Null(hostile);
        AssertRejected((reason, 1));
        Assert.Equal(_good, _stats.Accepted);
    }

    [Fact]
    public void An_oversized_message_is_rejected_unread()
    {
        string big = $$$"""{"values":{"running":1},"note":"{{{Secret}}}{{{new string('x', 20_000)}}}"}""";

        AssertWholeMessageRejected(Batch(Hostile, big), RejectReason.Oversized);
    }

    [Theory]
    [InlineData(5_000, "[", "]")]
    [InlineData(2_000, "{\"a\":", "}")]
    [InlineData(3, "[", "]")] // the fifth level: the payload, values, the metric's value, then two arrays
    public void Deeply_nested_json_is_rejected_as_too_deep_without_a_stack_overflow(int levels, string open, string close)
    {
        string nested = string.Concat(Enumerable.Repeat(open, levels)) + "1" + string.Concat(Enumerable.Repeat(close, levels));

        AssertWholeMessageRejected(Batch(Hostile, $$$"""{"values":{"running":1,"x":[{{{nested}}}]},"n":"{{{Secret}}}"}"""), RejectReason.TooDeep);
    }

    [Fact]
    public void Nesting_within_the_limit_costs_only_the_value_that_is_not_a_number()
    {
        var kept = Batch(Hostile, """{"values":{"running":1,"flow_m3h":[[1]]}}""");

        Assert.Equal([new("running", 1)], kept!.Values);
        AssertRejected((RejectReason.NotANumber, 1));
    }

    [Theory]
    [InlineData("1e300")]
    [InlineData("-1e300")]
    [InlineData("1e400")]   // beyond double: reads as infinity
    [InlineData("-1e400")]
    [InlineData("123456789012345678901234567890123456789")]
    [InlineData("1.7976931348623157e308")]
    public void A_huge_number_is_out_of_range_and_the_other_values_are_kept(string huge)
    {
        var kept = Batch(Hostile, $$$"""{"values":{"outlet_pressure_bar":{{{huge}}},"running":1}}""");

        Assert.Equal([new("running", 1)], kept!.Values);
        AssertRejected((RejectReason.OutOfRange, 1));
    }

    [Fact]
    public void NaN_and_Infinity_literals_are_not_json_and_as_strings_they_are_not_numbers()
    {
        Assert.Null(Batch(Hostile, """{"values":{"outlet_pressure_bar":NaN}}"""));
        Assert.Null(Batch(Hostile, """{"values":{"outlet_pressure_bar":-Infinity}}"""));
        var kept = Batch(Hostile, """{"values":{"outlet_pressure_bar":"NaN","flow_m3h":"Infinity","motor_temp_c":"-Infinity","running":0}}""");

        Assert.Equal([new("running", 0)], kept!.Values);
        AssertRejected((RejectReason.MalformedJson, 2), (RejectReason.NotANumber, 3));
    }

    [Fact]
    public void A_number_in_a_string_is_not_a_number()
    {
        var kept = Batch(Hostile, """{"values":{"outlet_pressure_bar":"4.5","running":1}}""");

        Assert.Equal([new("running", 1)], kept!.Values);
        AssertRejected((RejectReason.NotANumber, 1));
    }

    [Theory]
    [InlineData("facility/riverside/rs-b1/rs-b1-pump-1\n/telemetry")]
    [InlineData("facility/riverside/rs-b1/rs-b1-pump-1\u0000/telemetry")]
    [InlineData("facility/riverside\u001b[2J/rs-b1/rs-b1-pump-1/telemetry")]
    public void Control_characters_in_a_topic_id_are_a_bad_id(string topic) =>
        AssertWholeMessageRejected(Batch(topic, """{"values":{"running":1}}"""), RejectReason.BadId);

    [Fact]
    public void Control_characters_in_a_metric_name_cost_that_value_and_in_the_device_or_an_event_the_message()
    {
        var kept = Batch(Hostile, "{\"values\":{\"running\\u0007\":1,\"flow_m3h\\n\":2,\"outlet_pressure_bar\":4}}");
        Assert.Equal([new("outlet_pressure_bar", 4)], kept!.Values);
        Assert.Null(Batch(Hostile, "{\"device\":\"rs-b1-pump-1\\r\\n\",\"values\":{\"running\":1}}"));
        Assert.Null(Batch(Panel, "{\"event\":\"zone_tripped\\u0000\",\"zone\":\"smoke\"}"));
        Assert.Null(Batch(Panel, "{\"event\":\"zone_tripped\",\"zone\":\"smoke\\u001b\"}"));

        AssertRejected((RejectReason.BadId, 5));
    }

    [Theory]
    [InlineData("facility/riverside/+/rs-b1-pump-1/telemetry", RejectReason.BadId)]
    [InlineData("facility/riverside/rs-b1/#/telemetry", RejectReason.BadId)]
    [InlineData("facility/riverside/rs-b1/../telemetry", RejectReason.BadId)]
    [InlineData("facility/riverside/rs-b1/rs-b1-pump-1/../rs-b1-pump-2/telemetry", RejectReason.BadTopic)]
    [InlineData("facility/riverside/rs-b1/rs-b1-pump-1/telemetry/#", RejectReason.BadTopic)]
    [InlineData("facility/+/+/+/+", RejectReason.BadTopic)]
    [InlineData("$SYS/broker/clients", RejectReason.BadTopic)]
    public void Topic_injection_with_wildcards_or_dot_dot_is_rejected(string topic, RejectReason reason) =>
        AssertWholeMessageRejected(Batch(topic, """{"values":{"running":1}}"""), reason);

    [Theory]
    [InlineData("""{"device":"rs-b1-pump-2/../rs-b1-pump-1","values":{"running":1}}""")]
    [InlineData("""{"device":"+","values":{"running":1}}""")]
    [InlineData("""{"device":"#","values":{"running":1}}""")]
    [InlineData("""{"device":"..","values":{"running":1}}""")]
    public void Wildcards_slashes_or_dot_dot_in_the_payloads_device_are_a_bad_id(string payload) =>
        AssertWholeMessageRejected(Batch(Hostile, payload), RejectReason.BadId);

    [Fact]
    public void A_metric_name_with_a_slash_wildcard_or_dot_dot_costs_only_that_value()
    {
        var kept = Batch(Hostile, """{"values":{"../running":1,"flow_m3h/#":2,"+":3,"running":1}}""");

        Assert.Equal([new("running", 1)], kept!.Values);
        AssertRejected((RejectReason.BadId, 3));
    }

    [Fact]
    public void A_message_naming_another_device_than_its_topic_is_rejected_as_a_device_mismatch()
    {
        // rs-b1-pump-2 speaking on rs-b1-pump-1's topic: a broker without per-device ACLs let it through.
        AssertWholeMessageRejected(Batch(Hostile, """{"device":"rs-b1-pump-2","values":{"outlet_pressure_bar":0.1,"running":1}}"""), RejectReason.DeviceMismatch);

        var own = Admit(Hostile, """{"device":"rs-b1-pump-1","values":{"running":1}}""");
        Assert.Equal("rs-b1-pump-1", own!.Item.Id);
    }

    [Fact]
    public void A_replayed_message_is_dropped_as_a_duplicate_and_judged_once()
    {
        string tripped = $$$"""{"ts":"{{{Ts(TimeSpan.FromSeconds(-5))}}}","event":"zone_tripped","zone":"smoke"}""";
        Assert.NotNull(Admit(Panel, tripped));

        _time.Advance(TimeSpan.FromMinutes(9));
        Assert.Null(Batch(Panel, tripped));                                       // QoS 1 redelivery or a replay
        Assert.Null(Batch(Panel, tripped.Replace("{", "{\"fw\":\"2.1\",", StringComparison.Ordinal))); // the same content, worded otherwise

        AssertRejected((RejectReason.Duplicate, 2));
        Assert.Equal(1 + _good, _stats.Accepted);
    }

    [Fact]
    public void A_message_without_ts_or_with_other_values_or_after_the_window_is_no_duplicate()
    {
        string at = Ts(TimeSpan.FromSeconds(-1));
        Assert.NotNull(Admit(Hostile, """{"values":{"running":1}}"""));
        Assert.NotNull(Admit(Hostile, """{"values":{"running":1}}"""));              // a repeat without ts is genuine
        Assert.NotNull(Admit(Hostile, $$$"""{"ts":"{{{at}}}","values":{"running":1}}"""));
        Assert.NotNull(Admit(Hostile, $$$"""{"ts":"{{{at}}}","values":{"running":0}}"""));  // same time, other value
        Assert.NotNull(Admit(Good, $$$"""{"ts":"{{{at}}}","values":{"running":1}}"""));     // same message, other device
        _time.Advance(DuplicateFilter.Window + TimeSpan.FromSeconds(1));
        Assert.NotNull(Admit(Hostile, $$$"""{"ts":"{{{at}}}","values":{"running":1}}"""));

        Assert.Empty(_stats.Rejected);
    }

    [Fact]
    public void A_repeat_is_caught_behind_31_newer_messages_and_forgotten_behind_32()
    {
        string Message(int i) => $$$"""{"ts":"{{{Ts(TimeSpan.FromSeconds(-100 + i))}}}","values":{"running":1}}""";
        for (int i = 0; i < 33; i++)
        {
            Assert.NotNull(Admit(Hostile, Message(i)));
            _time.Advance(TimeSpan.FromSeconds(1));
        }

        Assert.Null(Batch(Hostile, Message(1)));      // 31 newer ones since: remembered
        Assert.NotNull(Admit(Hostile, Message(0)));   // 32 newer ones since: the oldest was let go
        AssertRejected((RejectReason.Duplicate, 1));
    }

    [Theory]
    [InlineData(6 * 60, RejectReason.TimestampInFuture)]
    [InlineData(365 * 86_400, RejectReason.TimestampInFuture)]
    [InlineData(-25 * 3600, RejectReason.TimestampTooOld)]
    [InlineData(-20 * 365 * 86_400, RejectReason.TimestampTooOld)]
    public void A_far_future_or_stale_timestamp_is_rejected(int seconds, RejectReason reason) =>
        AssertWholeMessageRejected(Batch(Hostile, $$$"""{"ts":"{{{Ts(TimeSpan.FromSeconds(seconds))}}}","values":{"running":1}}"""), reason);

    [Fact]
    public void Timestamps_in_unix_milliseconds_are_held_to_the_same_window()
    {
        Assert.Null(Batch(Hostile, $$$"""{"ts":0,"values":{"running":1}}"""));
        Assert.Null(Batch(Hostile, $$$"""{"ts":253402300799999,"values":{"running":1}}"""));
        var skewed = Admit(Hostile, $$$"""{"ts":{{{(Now + TimeSpan.FromMinutes(4)).ToUnixTimeMilliseconds()}}},"values":{"running":1}}""");

        Assert.Equal(Now + TimeSpan.FromMinutes(4), skewed!.At); // clock skew within the window is kept as sent
        AssertRejected((RejectReason.TimestampTooOld, 1), (RejectReason.TimestampInFuture, 1));
    }

    [Theory]
    [InlineData("""{"values":{"outlet_pressure_bar":4.5,"outlet_pressure_bar":0.1}}""")]
    [InlineData("""{"ts":"2026-11-25T09:59:00Z","values":{"running":1},"ts":"2026-11-25T09:59:59Z"}""")]
    [InlineData("""{"values":{"running":1},"values":{"running":0}}""")]
    [InlineData("""{"device":"rs-b1-pump-1","values":{"running":1},"device":"rs-b1-pump-2"}""")]
    [InlineData("""{"values":{"running":1,"running":1}}""")]
    public void A_key_given_twice_is_rejected_since_parsers_differ_on_which_one_wins(string payload) =>
        AssertWholeMessageRejected(Batch(Hostile, payload), RejectReason.DuplicateKey);

    [Fact]
    public void Invalid_utf8_and_lone_surrogates_are_malformed_or_bad_ids_never_an_exception()
    {
        byte[] invalid = [.. "{\"values\":{\"running"u8, 0xFF, 0xFE, .. "\":1}}"u8];
        Assert.Null(Batch(Hostile, invalid));
        Assert.Null(Batch(Hostile, "{\"device\":\"\\ud800\",\"values\":{\"running\":1}}"));
        Assert.Null(Batch(Hostile, "{\"ts\":\"\\udfff\",\"values\":{\"running\":1}}"));
        Assert.Null(Batch(Hostile, [0xEF, 0xBB, 0xBF, .. "{\"values\":{\"running\":1}}"u8]));  // a byte-order mark is not JSON

        AssertRejected((RejectReason.BadId, 2), (RejectReason.BadTimestamp, 1), (RejectReason.MalformedJson, 1));
    }

    [Fact]
    public void A_flood_from_one_device_is_counted_in_full_and_logged_once_a_minute_without_its_payload()
    {
        for (int i = 0; i < 1000; i++) Admit(Hostile, $$$"""{"values":{"outlet_pressure_bar":1e300},"name":"{{{Secret}}}"}""");
        Admit(Good, """{"values":{"outlet_pressure_bar":1e300}}""");   // another device's first is logged all the same
        _time.Advance(RejectionLog.Interval);
        Admit(Hostile, """{"values":{"outlet_pressure_bar":1e300}}""");

        Assert.Equal(1002, _stats.Rejected[RejectReason.OutOfRange]);
        var lines = _log.Collector.GetSnapshot().Select(r => r.Message).ToList();
        Assert.Equal(3, lines.Count);
        Assert.StartsWith("Rejected MQTT input (OutOfRange) from rs-b1-pump-1; 0 more", lines[0], StringComparison.Ordinal);
        Assert.StartsWith("Rejected MQTT input (OutOfRange) from rs-b1-pump-2; 0 more", lines[1], StringComparison.Ordinal);
        Assert.StartsWith("Rejected MQTT input (OutOfRange) from rs-b1-pump-1; 999 more", lines[2], StringComparison.Ordinal);
        Assert.DoesNotContain(lines, l => l.Contains(Secret, StringComparison.Ordinal) || l.Contains("outlet_pressure_bar", StringComparison.Ordinal));
    }

    [Fact]
    public void Unknown_devices_share_one_log_slot_so_made_up_ids_cannot_flood_the_log()
    {
        for (int i = 0; i < 100; i++) Batch($"facility/riverside/rs-b1/made-up-{i}/telemetry", """{"values":{"running":1}}""");

        Assert.Equal(100, _stats.Rejected[RejectReason.UnknownDevice]);
        Assert.Single(_log.Collector.GetSnapshot());
        Assert.Equal(_good, _stats.Accepted);
    }
}
