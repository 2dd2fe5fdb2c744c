using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text.Json;
using FacilityHub.Domain.Telemetry;
using FacilityHub.Domain.Topology;

namespace FacilityHub.Ingestion.Mqtt;

/// <summary>
/// Reads the JSON payloads of the topic scheme (see README "MQTT"):
/// telemetry <c>{"ts":"2026-11-25T10:00:00Z","device":"rs-b1-pump-1","values":{"outlet_pressure_bar":4.5,"running":1}}</c>,
/// event <c>{"ts":"...","event":"zone_tripped","zone":"smoke"}</c>. <c>ts</c> is ISO-8601 or Unix milliseconds,
/// <c>device</c> is optional. Booleans count as 1/0; a number in a string is not a number. Unknown properties
/// are ignored. Hostile input ends in a <see cref="RejectReason"/> (from <see cref="TryParse"/>, or a
/// <see cref="PayloadException"/> from <see cref="Parse"/>), or for a single value in <see cref="ParsedPayload.Dropped"/>;
/// never in any other exception (the fuzz test holds it to that).
/// </summary>
public static class PayloadParser
{
    public const int MaxBytes = 16 * 1024;

    /// <summary>Levels of objects and arrays: the payload, <c>values</c>, and two more for values that wrongly are
    /// objects or arrays (dropped as not numbers). Deeper is <see cref="RejectReason.TooDeep"/>.</summary>
    public const int MaxDepth = 4;

    private const int MaxNameLength = 64;

    // The reader's own limit is one level above ours, so that ours (TooDeep) is the one that trips.
    private static readonly JsonReaderOptions Options = new() { MaxDepth = MaxDepth + 1, CommentHandling = JsonCommentHandling.Disallow };

    [Flags]
    private enum Key
    {
        Other = 0,
        Ts = 1,
        Values = 2,
        Event = 4,
        Zone = 8,
        Device = 16,
    }

    /// <summary>The payload read, or a <see cref="PayloadException"/> naming why it cannot be used.</summary>
    public static ParsedPayload Parse(ReadOnlySequence<byte> payload, MessageKind kind) =>
        TryParse(payload, kind, out var parsed, out var reason, out string? detail) ? parsed : throw new PayloadException(reason, detail);

    /// <summary>The pipeline's way in: a rejection is a result, not a second exception (each throw costs
    /// microseconds, and a flood of bad payloads must stay cheap).</summary>
    public static bool TryParse(ReadOnlySequence<byte> payload, MessageKind kind, [NotNullWhen(true)] out ParsedPayload? parsed, out RejectReason reason) =>
        TryParse(payload, kind, out parsed, out reason, out _);

    private static bool TryParse(ReadOnlySequence<byte> payload, MessageKind kind, [NotNullWhen(true)] out ParsedPayload? parsed, out RejectReason reason, [NotNullWhen(false)] out string? detail)
    {
        if (payload.Length > MaxBytes)
        {
            (parsed, reason, detail) = (null, RejectReason.Oversized, $"payload of {payload.Length} bytes exceeds {MaxBytes}");
            return false;
        }
        if (payload.IsSingleSegment) return TryParse(payload.FirstSpan, kind, out parsed, out reason, out detail);
        // The reader's multi-segment path throws IndexOutOfRangeException on a literal cut short at a segment
        // boundary (dotnet/runtime#134448; found by the fuzz test); at most 16 KiB, so read one contiguous copy.
        byte[] copy = ArrayPool<byte>.Shared.Rent((int)payload.Length);
        try
        {
            payload.CopyTo(copy);
            return TryParse(copy.AsSpan(0, (int)payload.Length), kind, out parsed, out reason, out detail);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(copy);
        }
    }

    private static bool TryParse(ReadOnlySpan<byte> payload, MessageKind kind, [NotNullWhen(true)] out ParsedPayload? parsed, out RejectReason reason, [NotNullWhen(false)] out string? detail)
    {
        try
        {
            var reader = new Utf8JsonReader(payload, Options);
            (parsed, reason, detail) = (Read(ref reader, kind), default, null);
            return true;
        }
        catch (JsonException e)
        {
            // Position only: the reader's message quotes the payload (to the end of the buffer, for a bad literal).
            (parsed, reason, detail) = (null, RejectReason.MalformedJson, $"malformed JSON at line {e.LineNumber + 1}, byte {e.BytePositionInLine}");
        }
        catch (PayloadException e)
        {
            (parsed, reason, detail) = (null, e.Reason, e.Message);
        }
        return false;
    }

    private static ParsedPayload Read(ref Utf8JsonReader reader, MessageKind kind)
    {
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject) throw Malformed("payload must be a JSON object");
        DateTimeOffset? ts = null;
        List<MetricValue>? values = null;
        List<(string, RejectReason)>? dropped = null;
        string? eventName = null, zone = null, device = null;
        var seen = Key.Other;

        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var key = KeyOf(ref reader);
            if ((seen & key) != 0) throw DuplicateKey();
            seen |= key;
            reader.Read();
            switch (key)
            {
                case Key.Ts:
                    ts = ReadTimestamp(ref reader);
                    break;
                case Key.Values when kind == MessageKind.Telemetry:
                    (values, dropped) = ReadValues(ref reader);
                    break;
                case Key.Event when kind == MessageKind.Event:
                    eventName = ReadId(ref reader, "'event'");
                    break;
                case Key.Zone when kind == MessageKind.Event:
                    zone = reader.TokenType == JsonTokenType.Null ? null : ReadId(ref reader, "'zone'");
                    break;
                case Key.Device:
                    device = reader.TokenType == JsonTokenType.Null ? null : ReadId(ref reader, "'device'");
                    break;
                default:
                    SkipValue(ref reader);
                    break;
            }
        }
        if (reader.TokenType != JsonTokenType.EndObject) throw Malformed("unexpected content");
        if (reader.Read()) throw Malformed("content after the object");

        if (kind == MessageKind.Telemetry && values is null) throw Malformed("telemetry needs 'values'");
        if (kind == MessageKind.Event && eventName is null) throw Malformed("an event needs 'event'");
        // Cast first: `list ?? []` would make a new empty List for every payload without such values (events, most readings).
        return new ParsedPayload(ts, (IReadOnlyList<MetricValue>?)values ?? [], (IReadOnlyList<(string, RejectReason)>?)dropped ?? [], eventName, zone, device);
    }

    private static Key KeyOf(ref Utf8JsonReader reader)
    {
        try
        {
            return reader.ValueTextEquals("ts"u8) ? Key.Ts
                : reader.ValueTextEquals("values"u8) ? Key.Values
                : reader.ValueTextEquals("event"u8) ? Key.Event
                : reader.ValueTextEquals("zone"u8) ? Key.Zone
                : reader.ValueTextEquals("device"u8) ? Key.Device
                : Key.Other;
        }
        catch (InvalidOperationException)
        {
            // An escaped name that is no text (a lone surrogate): none of ours, so ignored like any unknown key.
            return Key.Other;
        }
    }

    private static (List<MetricValue>, List<(string, RejectReason)>?) ReadValues(ref Utf8JsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.StartObject) throw Malformed("'values' must be an object of metric: number");
        var values = new List<MetricValue>();
        List<(string, RejectReason)>? dropped = null;
        HashSet<string>? names = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            string? name = TryReadName(ref reader);
            reader.Read();
            if (name is null)
            {
                // The name is not kept: it is no metric of any kind, and it may be anything.
                (dropped ??= []).Add(("", RejectReason.BadId));
                SkipValue(ref reader);
                continue;
            }
            if (IsRepeat(name, values, dropped, ref names)) throw DuplicateKey();
            switch (reader.TokenType)
            {
                case JsonTokenType.Number:
                    // A number beyond double's range reads as infinity: a number, but outside every metric's range.
                    if (reader.TryGetDouble(out double d) && double.IsFinite(d)) values.Add(new MetricValue(name, d));
                    else (dropped ??= []).Add((name, RejectReason.OutOfRange));
                    break;
                case JsonTokenType.True:
                    values.Add(new MetricValue(name, 1));
                    break;
                case JsonTokenType.False:
                    values.Add(new MetricValue(name, 0));
                    break;
                default:
                    // Strings ("4.5", "NaN", "Infinity"), null, objects and arrays.
                    (dropped ??= []).Add((name, RejectReason.NotANumber));
                    SkipValue(ref reader);
                    break;
            }
        }
        return (values, dropped);
    }

    /// <summary>Whether <paramref name="name"/> came before in this <c>values</c> object. A handful of names (a device's
    /// usual message) are compared one by one; from <see cref="NamesCompared"/> on, a set keeps a long hostile object cheap.</summary>
    private static bool IsRepeat(string name, List<MetricValue> values, List<(string, RejectReason)>? dropped, ref HashSet<string>? names)
    {
        if (names is null && values.Count + (dropped?.Count ?? 0) < NamesCompared)
        {
            foreach (var v in values) if (string.Equals(v.Metric, name, StringComparison.Ordinal)) return true;
            foreach (var (d, _) in dropped ?? []) if (string.Equals(d, name, StringComparison.Ordinal)) return true;
            return false;
        }
        if (names is null)
        {
            names = new HashSet<string>(StringComparer.Ordinal);
            foreach (var v in values) names.Add(v.Metric);
            foreach (var (d, _) in dropped ?? []) if (d.Length > 0) names.Add(d);
        }
        return !names.Add(name);
    }

    private const int NamesCompared = 8;

    /// <summary>A metric name (an id, else null) as a string the hub already holds when it has seen the name before:
    /// the same few names arrive thousands of times a second. At most <see cref="MetricNames.Capacity"/> names are
    /// kept, so made-up names cost their own string and no memory beyond.</summary>
    private static string? TryReadName(ref Utf8JsonReader reader)
    {
        Span<char> chars = stackalloc char[IdBufferChars];
        return TryCopyId(ref reader, chars, out int count) ? MetricNames.Get(chars[..count]) : null;
    }

    /// <summary>Skips a value; an object or array nested deeper than <see cref="MaxDepth"/> is refused on the way.</summary>
    private static void SkipValue(ref Utf8JsonReader reader)
    {
        if (reader.TokenType is not (JsonTokenType.StartObject or JsonTokenType.StartArray)) return;
        int depth = reader.CurrentDepth;
        if (depth >= MaxDepth) throw TooDeep();
        while (reader.Read() && reader.CurrentDepth > depth)
        {
            if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray && reader.CurrentDepth >= MaxDepth) throw TooDeep();
        }
    }

    /// <summary>An id-valued string (<c>event</c>, <c>zone</c>, <c>device</c>): a string, and an id.</summary>
    private static string ReadId(ref Utf8JsonReader reader, string what)
    {
        if (reader.TokenType != JsonTokenType.String) throw Malformed($"{what} must be a string");
        return TryReadId(ref reader) ?? throw new PayloadException(RejectReason.BadId, $"{what} must be 1-{MaxNameLength} of a-z, 0-9, '-', '_'");
    }

    /// <summary>The current string or property name if it is an id (as the topology's ids and names are), else null.</summary>
    private static string? TryReadId(ref Utf8JsonReader reader)
    {
        Span<char> chars = stackalloc char[IdBufferChars];
        return TryCopyId(ref reader, chars, out int count) ? new string(chars[..count]) : null;
    }

    // Room for the longest id written with escapes ("\u0061" is 6 bytes for a character).
    private const int IdBufferChars = MaxNameLength * 6;

    /// <summary>Decodes the current string or property name into <paramref name="chars"/> (at least
    /// <see cref="IdBufferChars"/> long) if it is an id; false when it is not, or not valid text (invalid UTF-8, a lone
    /// surrogate escape). A longer value is refused before decoding, so it costs nothing.</summary>
    private static bool TryCopyId(ref Utf8JsonReader reader, scoped Span<char> chars, out int count)
    {
        count = 0;
        int length = reader.ValueSpan.Length; // one contiguous buffer: never a value sequence
        if (length == 0 || length > IdBufferChars) return false;
        try
        {
            count = reader.CopyString(chars);
        }
        catch (InvalidOperationException)
        {
            return false;
        }
        return TopologyLoader.IdPattern().IsMatch(chars[..count]);
    }

    /// <summary>The current string, or null when it is not valid text (invalid UTF-8, a lone surrogate escape).</summary>
    private static string? Text(ref Utf8JsonReader reader)
    {
        try
        {
            return reader.GetString();
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }

    private static DateTimeOffset ReadTimestamp(ref Utf8JsonReader reader)
    {
        // The usual "...Z" (UTC) straight from the bytes; anything else goes the general way below.
        if (reader.TokenType == JsonTokenType.String && !reader.ValueIsEscaped && reader.ValueSpan is [.., (byte)'Z']
            && reader.TryGetDateTimeOffset(out var utc))
        {
            return utc.ToUniversalTime();
        }
        if (reader.TokenType == JsonTokenType.String
            && Text(ref reader) is { } text
            && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var parsed))
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

    private static PayloadException DuplicateKey() => new(RejectReason.DuplicateKey, "a key appears twice in one object");

    private static PayloadException TooDeep() => new(RejectReason.TooDeep, $"objects or arrays nested deeper than {MaxDepth} levels");
}
