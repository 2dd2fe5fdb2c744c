using System.Buffers;
using System.Globalization;
using System.Text;
using FacilityHub.Ingestion.Mqtt;

namespace FacilityHub.Ingestion.Tests;

/// <summary>
/// Generates hostile payloads from one seed: valid payloads of the scheme mutated (byte flips, inserts, deletions,
/// truncations, splices, deep nesting, long strings, odd numbers, unicode and broken UTF-8, duplicate keys, odd
/// timestamps), and random JSON built from the scheme's own keys. The same seed gives the same payloads.
/// </summary>
internal sealed class PayloadFuzzer(int seed)
{
    private static readonly (MessageKind Kind, byte[] Json)[] Valid =
    [
        (MessageKind.Telemetry, """{"ts":"2026-11-25T10:00:00.000Z","values":{"outlet_pressure_bar":4.5,"flow_m3h":30,"running":1}}"""u8.ToArray()),
        (MessageKind.Telemetry, """{"ts":1764064800000,"device":"rs-b1-pump-1","values":{"motor_temp_c":41.25,"vibration_mm_s":1.2,"running":true}}"""u8.ToArray()),
        (MessageKind.Telemetry, """{"values":{"battery_pct":87}}"""u8.ToArray()),
        (MessageKind.Telemetry, """{"ts":"2026-11-25T10:00:00.123Z","values":{"wash_temp_c":61.5,"rinse_temp_c":83},"fw":"1.4.2","meta":{"rssi":-71,"tags":["a","b"]}}"""u8.ToArray()),
        (MessageKind.Event, """{"ts":"2026-11-25T10:00:00Z","event":"zone_tripped","zone":"smoke"}"""u8.ToArray()),
        (MessageKind.Event, """{"event":"heartbeat"}"""u8.ToArray()),
        (MessageKind.Event, """{"ts":"2026-11-25T10:00:00+01:00","event":"armed","zone":null,"device":"rs-b1-alarm-0301"}"""u8.ToArray()),
    ];

    private static readonly string[] Keys = ["ts", "values", "event", "zone", "device", "outlet_pressure_bar", "running", "flow_m3h", "battery_pct", "fw", "x", "", "TS", "ts ", "valu\\u0065s"];

    private static readonly string[] OddNumbers =
    [
        "1e300", "-1e300", "1e308", "1.7976931348623157e308", "1e309", "-1e400", "1e-400", "4.9e-324", "-0", "0.0", "-0.0e-0",
        "123456789012345678901234567890", "9223372036854775808", "-9223372036854775809", "0.30000000000000004",
        "NaN", "-NaN", "Infinity", "-Infinity", "inf", "0x1F", "01", ".5", "5.", "+1", "1e", "1e+", "--1", "1_000", "1,5",
        "\"4.5\"", "\"NaN\"", "\"Infinity\"", "\"1e400\"", "true", "false", "null", "[]", "{}", "[1]", "\"\"",
        new string('9', 400), "0." + new string('0', 300) + "1", "1" + new string('0', 310), "1e" + new string('9', 30),
    ];

    private static readonly string[] OddTimestamps =
    [
        "\"2026-11-25T10:00:00Z\"", "\"2026-11-25T10:00:00.1234567+14:00\"", "\"9999-12-31T23:59:59-14:00\"", "\"0001-01-01T00:00:00+14:00\"",
        "\"2026-02-30T10:00:00Z\"", "\"2026-11-25\"", "\"10:00\"", "\"yesterday\"", "\"\"", "\"\\u0000\"", "\"\\ud800\"",
        "0", "-1", "253402300799999", "253402300800000", "1764064800000.5", "1e20", "-1e20", "99999999999999999999999", "null", "true", "[]", "{}",
    ];

    private static readonly byte[] Specials = "{}[]\":,\\ \t\n\r0123456789-+.eEtrufalsn"u8.ToArray();

    private readonly Random _random = new(seed);

    /// <summary>The next payload (in one or more segments), the kind of topic it is sent on, and its bytes.</summary>
    public (ReadOnlySequence<byte> Payload, MessageKind Kind, byte[] Bytes) Next()
    {
        var kind = _random.Next(10) < 7 ? MessageKind.Telemetry : MessageKind.Event;
        byte[] bytes;
        if (_random.Next(8) == 0)
        {
            bytes = Encoding.UTF8.GetBytes(RandomObject(0));
        }
        else
        {
            var (validKind, valid) = Valid[_random.Next(Valid.Length)];
            if (_random.Next(4) != 0) kind = validKind;
            bytes = valid;
            int mutations = _random.Next(4); // none, one, two or three
            for (int i = 0; i < mutations; i++) bytes = Mutate(bytes);
        }
        return (Segmented(bytes), kind, bytes);
    }

    private byte[] Mutate(byte[] b) => _random.Next(13) switch
    {
        0 => Flip(b),
        1 => Insert(b, [Specials[_random.Next(Specials.Length)]]),
        2 => Insert(b, [(byte)_random.Next(256)]),
        3 => Delete(b),
        4 => b[.._random.Next(b.Length + 1)],                                  // truncated
        5 => Replace(b, Nested(_random.Next(8) == 0 ? _random.Next(1, 3_000) : _random.Next(1, 8))), // deep nesting
        6 => Replace(b, "\"" + LongString() + "\""),                            // long string, sometimes over 16 KiB
        7 => Replace(b, OddNumbers[_random.Next(OddNumbers.Length)]),           // odd numbers
        8 => Insert(b, Unicode()),                                              // unicode and broken UTF-8
        9 => DuplicateKey(b),
        10 => Replace(b, OddTimestamps[_random.Next(OddTimestamps.Length)]),
        11 => Splice(b, Valid[_random.Next(Valid.Length)].Json),
        _ => Insert(b, Encoding.UTF8.GetBytes($"\"{RandomString()}\":{RandomValue(2)},")),
    };

    private byte[] Flip(byte[] b)
    {
        if (b.Length == 0) return b;
        var copy = (byte[])b.Clone();
        for (int n = _random.Next(1, 4); n > 0; n--) copy[_random.Next(copy.Length)] ^= (byte)(1 << _random.Next(8));
        return copy;
    }

    private byte[] Insert(byte[] b, byte[] what)
    {
        int at = _random.Next(b.Length + 1);
        return [.. b.AsSpan(0, at), .. what, .. b.AsSpan(at)];
    }

    private byte[] Delete(byte[] b)
    {
        if (b.Length == 0) return b;
        int at = _random.Next(b.Length), length = Math.Min(_random.Next(1, 8), b.Length - at);
        return [.. b.AsSpan(0, at), .. b.AsSpan(at + length)];
    }

    /// <summary>Replaces a value (what follows a ':') with <paramref name="text"/>; inserts it anywhere if there is none.</summary>
    private byte[] Replace(byte[] b, string text)
    {
        var colons = new List<int>();
        for (int i = 0; i < b.Length; i++) if (b[i] == ':') colons.Add(i);
        if (colons.Count == 0) return Insert(b, Encoding.UTF8.GetBytes(text));
        int start = colons[_random.Next(colons.Count)] + 1, end = start;
        while (end < b.Length && b[end] is not ((byte)',' or (byte)'}' or (byte)']')) end++;
        return [.. b.AsSpan(0, start), .. Encoding.UTF8.GetBytes(text), .. b.AsSpan(end)];
    }

    private byte[] DuplicateKey(byte[] b)
    {
        // Repeats a "key":value pair right after itself.
        var quotes = new List<int>();
        for (int i = 0; i < b.Length; i++) if (b[i] == '"' && (i == 0 || b[i - 1] is (byte)'{' or (byte)',')) quotes.Add(i);
        if (quotes.Count == 0) return b;
        int start = quotes[_random.Next(quotes.Count)], end = start + 1;
        int depth = 0;
        for (; end < b.Length; end++)
        {
            if (b[end] is (byte)'{' or (byte)'[') depth++;
            else if (b[end] is (byte)'}' or (byte)']') { if (depth-- == 0) break; }
            else if (b[end] == ',' && depth == 0) break;
        }
        return [.. b.AsSpan(0, end), (byte)',', .. b.AsSpan(start, end - start), .. b.AsSpan(end)];
    }

    private byte[] Splice(byte[] a, byte[] b)
    {
        int cutA = _random.Next(a.Length + 1), cutB = _random.Next(b.Length + 1);
        return [.. a.AsSpan(0, cutA), .. b.AsSpan(cutB)];
    }

    private string Nested(int levels)
    {
        var (open, close) = _random.Next(3) switch { 0 => ("[", "]"), 1 => ("{\"a\":", "}"), _ => ("[{\"v\":", "}]") };
        var s = new StringBuilder(levels * (open.Length + close.Length) + 8);
        for (int i = 0; i < levels; i++) s.Append(open);
        s.Append(_random.Next(2) == 0 ? "1" : "\"x\"");
        // Sometimes left unclosed, as a truncated attack would be.
        if (_random.Next(4) != 0) for (int i = 0; i < levels; i++) s.Append(close);
        return s.ToString();
    }

    private string LongString()
    {
        int length = _random.Next(10) == 0 ? _random.Next(16_000, 20_000) : _random.Next(60, 1_000);
        char c = (char)_random.Next('a', 'z' + 1);
        return _random.Next(3) == 0 ? string.Concat(Enumerable.Repeat("\\u0061", length / 6)) : new string(c, length);
    }

    private byte[] Unicode() => _random.Next(10) switch
    {
        0 => [0xFF],                                   // never valid in UTF-8
        1 => [0xC0, 0xAF],                             // overlong '/'
        2 => [0xED, 0xA0, 0x80],                       // an encoded surrogate
        3 => [0xF4, 0x90, 0x80, 0x80],                 // beyond U+10FFFF
        4 => [0xE2, 0x82],                             // cut short
        5 => "\\ud800"u8.ToArray(),                    // lone surrogate escape
        6 => "\\udfff\\ud800"u8.ToArray(),             // reversed pair
        7 => Encoding.UTF8.GetBytes(char.ConvertFromUtf32(_random.Next(0x1F300, 0x1FAFF))), // emoji
        8 => [(byte)_random.Next(0, 0x20)],             // raw control character
        _ => Encoding.UTF8.GetBytes("\u202E\u200B\uFEFF"), // right-to-left override, zero width, BOM
    };

    private string RandomString() => _random.Next(6) switch
    {
        0 => Keys[_random.Next(Keys.Length)],
        1 => "a\\u0000b",
        2 => "../" + Keys[_random.Next(Keys.Length)],
        3 => _random.Next(2) == 0 ? "+" : "#",
        4 => new string((char)_random.Next('a', 'z' + 1), _random.Next(1, 100)),
        _ => "r\\u00e9sident\\n\\t",
    };

    private string RandomValue(int depth) => _random.Next(depth > 6 ? 5 : 8) switch
    {
        0 => OddNumbers[_random.Next(OddNumbers.Length)],
        1 => (_random.NextDouble() * 400 - 50).ToString("R", CultureInfo.InvariantCulture),
        2 => _random.Next(2) == 0 ? "true" : "null",
        3 => "\"" + RandomString() + "\"",
        4 => OddTimestamps[_random.Next(OddTimestamps.Length)],
        5 or 6 => RandomObject(depth + 1),
        _ => "[" + string.Join(",", Enumerable.Range(0, _random.Next(4)).Select(_ => RandomValue(depth + 1))) + "]",
    };

    private string RandomObject(int depth) =>
        "{" + string.Join(",", Enumerable.Range(0, _random.Next(5)).Select(_ => $"\"{RandomString()}\":{RandomValue(depth)}")) + "}";

    /// <summary>One segment mostly; sometimes two or three split anywhere (mid-token, mid-character), as a
    /// network buffer may hand them over.</summary>
    private ReadOnlySequence<byte> Segmented(byte[] bytes)
    {
        if (bytes.Length < 2 || _random.Next(4) != 0) return new ReadOnlySequence<byte>(bytes);
        int cut1 = _random.Next(1, bytes.Length), cut2 = _random.Next(cut1, bytes.Length + 1);
        var first = new Segment(bytes.AsMemory(0, cut1), 0);
        var last = first.Append(bytes.AsMemory(cut1, cut2 - cut1)).Append(bytes.AsMemory(cut2));
        return new ReadOnlySequence<byte>(first, 0, last, last.Memory.Length);
    }

    private sealed class Segment : ReadOnlySequenceSegment<byte>
    {
        public Segment(ReadOnlyMemory<byte> memory, long runningIndex)
        {
            Memory = memory;
            RunningIndex = runningIndex;
        }

        public Segment Append(ReadOnlyMemory<byte> memory)
        {
            var next = new Segment(memory, RunningIndex + Memory.Length);
            Next = next;
            return next;
        }
    }
}
