using System.Buffers;
using System.Globalization;
using System.Text.Json;
using FacilityHub.Domain.Telemetry;

namespace FacilityHub.Ingestion.Mqtt;

/// <summary>
/// Reads the JSON payloads of the topic scheme (see README "MQTT"):
/// telemetry <c>{"ts":"2026-11-25T10:00:00Z","values":{"outlet_pressure_bar":4.5,"running":1}}</c>,
/// event <c>{"ts":"...","event":"zone_tripped","zone":"smoke"}</c>. <c>ts</c> is ISO-8601 or Unix milliseconds,
/// optional. Booleans count as 1/0. Unknown properties are ignored.
/// </summary>
public static class PayloadParser
{
    public const int MaxBytes = 16 * 1024;
    private const int MaxNameLength = 64;
    private static readonly JsonReaderOptions Options = new() { MaxDepth = 4, CommentHandling = JsonCommentHandling.Disallow };

    public static ParsedPayload Parse(ReadOnlySequence<byte> payload, MessageKind kind)
    {
        if (payload.Length > MaxBytes) throw new PayloadException(RejectReason.Oversized, $"payload of {payload.Length} bytes exceeds {MaxBytes}");
        try
        {
            var reader = new Utf8JsonReader(payload, Options);
            return Read(ref reader, kind);
        }
        catch (JsonException e)
        {
            throw new PayloadException(RejectReason.MalformedJson, $"malformed JSON: {e.Message}");
        }
    }

    private static ParsedPayload Read(ref Utf8JsonReader reader, MessageKind kind)
    {
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject) throw Malformed("payload must be a JSON object");
        DateTimeOffset? ts = null;
        List<MetricValue>? values = null;
        List<string>? notNumbers = null;
        string? eventName = null, zone = null;

        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("ts"u8))
            {
                reader.Read();
                ts = ReadTimestamp(ref reader);
            }
            else if (reader.ValueTextEquals("values"u8) && kind == MessageKind.Telemetry)
            {
                reader.Read();
                if (reader.TokenType != JsonTokenType.StartObject) throw Malformed("'values' must be an object of metric: number");
                values = [];
                while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                {
                    string name = ReadName(ref reader, "metric name");
                    reader.Read();
                    switch (reader.TokenType)
                    {
                        case JsonTokenType.Number when reader.TryGetDouble(out double d) && double.IsFinite(d):
                            values.Add(new MetricValue(name, d));
                            break;
                        case JsonTokenType.True:
                            values.Add(new MetricValue(name, 1));
                            break;
                        case JsonTokenType.False:
                            values.Add(new MetricValue(name, 0));
                            break;
                        default:
                            (notNumbers ??= []).Add(name);
                            reader.Skip();
                            break;
                    }
                }
            }
            else if (reader.ValueTextEquals("event"u8) && kind == MessageKind.Event)
            {
                reader.Read();
                eventName = ReadName(ref reader, "'event'");
            }
            else if (reader.ValueTextEquals("zone"u8) && kind == MessageKind.Event)
            {
                reader.Read();
                zone = reader.TokenType == JsonTokenType.Null ? null : ReadName(ref reader, "'zone'");
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }
        if (reader.TokenType != JsonTokenType.EndObject) throw Malformed("unexpected content");
        if (reader.Read()) throw Malformed("content after the object");

        if (kind == MessageKind.Telemetry && values is null) throw Malformed("telemetry needs 'values'");
        if (kind == MessageKind.Event && eventName is null) throw Malformed("an event needs 'event'");
        return new ParsedPayload(ts, values ?? [], notNumbers ?? [], eventName, zone);
    }

    private static string ReadName(ref Utf8JsonReader reader, string what)
    {
        if (reader.TokenType is not (JsonTokenType.String or JsonTokenType.PropertyName)) throw Malformed($"{what} must be a string");
        int length = reader.HasValueSequence ? (int)Math.Min(reader.ValueSequence.Length, int.MaxValue) : reader.ValueSpan.Length;
        if (length > MaxNameLength * 6) throw Malformed($"{what} is longer than {MaxNameLength} characters");
        string name = reader.GetString()!;
        if (name.Length == 0 || name.Length > MaxNameLength || name.Any(char.IsControl)) throw Malformed($"{what} must be 1-{MaxNameLength} printable characters");
        return name;
    }

    private static DateTimeOffset ReadTimestamp(ref Utf8JsonReader reader)
    {
        if (reader.TokenType == JsonTokenType.String
            && DateTimeOffset.TryParse(reader.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var parsed))
        {
            return parsed;
        }
        if (reader.TokenType == JsonTokenType.Number && reader.TryGetInt64(out long ms) && ms is >= 0 and <= 253402300799999)
        {
            return DateTimeOffset.FromUnixTimeMilliseconds(ms);
        }
        throw new PayloadException(RejectReason.BadTimestamp, "'ts' must be ISO-8601 text or Unix milliseconds");
    }

    private static PayloadException Malformed(string message) => new(RejectReason.MalformedJson, message);
}
