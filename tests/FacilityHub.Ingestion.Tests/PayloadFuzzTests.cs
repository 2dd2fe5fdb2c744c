using System.Diagnostics;
using FacilityHub.Domain.Telemetry;
using FacilityHub.Domain.Topology;
using FacilityHub.Ingestion.Mqtt;
using Xunit.Abstractions;

namespace FacilityHub.Ingestion.Tests;

public sealed class PayloadFuzzTests(ITestOutputHelper output)
{
    private const int Payloads = 1_000_000;
    private const int Seed = 20_261_125;
    // One generator per core, each with its own seed: deterministic, and half the wall time on two cores.
    private const int Partitions = 2;

    private static readonly HashSet<RejectReason> MessageReasons =
        [RejectReason.Oversized, RejectReason.MalformedJson, RejectReason.TooDeep, RejectReason.DuplicateKey, RejectReason.BadId, RejectReason.BadTimestamp];

    private static readonly HashSet<RejectReason> ValueReasons = [RejectReason.NotANumber, RejectReason.OutOfRange, RejectReason.BadId];

    private sealed class Tally
    {
        public readonly Dictionary<string, int> Outcomes = new(StringComparer.Ordinal);
        public readonly List<string> Failures = [];
        public long ReadingTicks, RejectTicks, Readings, Rejects, Bytes;
    }

    [Fact]
    public void A_million_generated_payloads_each_give_a_reading_or_a_reject_reason_and_never_an_exception()
    {
        var tallies = new Tally[Partitions];
        var total = Stopwatch.StartNew();
        Parallel.For(0, Partitions, p => tallies[p] = Run(new PayloadFuzzer(Seed + p), Payloads / Partitions, $"seed {Seed + p}"));
        total.Stop();

        var outcomes = tallies.SelectMany(t => t.Outcomes).GroupBy(o => o.Key).ToDictionary(g => g.Key, g => g.Sum(o => o.Value));
        double Seconds(Func<Tally, long> ticks) => tallies.Sum(ticks) / (double)Stopwatch.Frequency;
        double readingSeconds = Seconds(t => t.ReadingTicks), rejectSeconds = Seconds(t => t.RejectTicks);
        output.WriteLine($"{Payloads:N0} payloads ({tallies.Sum(t => t.Bytes) / 1e6:F0} MB), seeds {Seed}..{Seed + Partitions - 1} on {Partitions} threads: " +
            $"{total.Elapsed.TotalSeconds:F1} s in all, {readingSeconds + rejectSeconds:F1} s in the parser (summed over threads)");
        output.WriteLine($"parser, one thread: {Payloads / (readingSeconds + rejectSeconds):N0} payloads/s; " +
            $"readings {tallies.Sum(t => t.Readings) / readingSeconds:N0}/s, rejections {tallies.Sum(t => t.Rejects) / rejectSeconds:N0}/s");
        foreach (var (outcome, count) in outcomes.OrderByDescending(o => o.Value)) output.WriteLine($"  {count,9:N0}  {outcome}");

        var failures = tallies.SelectMany(t => t.Failures).ToList();
        Assert.True(failures.Count == 0, string.Join("\n", failures));
        Assert.Equal(Payloads, outcomes.Values.Sum());
        // The generator reaches every way out of the parser, not only the first few.
        Assert.True(outcomes.GetValueOrDefault("reading") > Payloads / 20, "too few payloads parse at all: the fuzzer mutates too hard");
        Assert.True(outcomes.GetValueOrDefault("reading, some values dropped") > 0, "no payload had a value dropped");
        Assert.All(MessageReasons, r => Assert.True(outcomes.GetValueOrDefault(r.ToString()) > 0, $"no payload was rejected as {r}"));
    }

    private static Tally Run(PayloadFuzzer fuzzer, int count, string seed)
    {
        var tally = new Tally();
        for (int i = 0; i < count; i++)
        {
            var (payload, kind, raw) = fuzzer.Next();
            tally.Bytes += raw.Length;
            string outcome;
            long start = Stopwatch.GetTimestamp();
            try
            {
                bool read = PayloadParser.TryParse(payload, kind, out var parsed, out var reason);
                long ticks = Stopwatch.GetTimestamp() - start;
                if (read)
                {
                    (tally.ReadingTicks, tally.Readings) = (tally.ReadingTicks + ticks, tally.Readings + 1);
                    outcome = Problem(parsed!, kind) is { } problem ? $"INVALID READING: {problem}" : parsed!.Dropped.Count > 0 ? "reading, some values dropped" : "reading";
                }
                else
                {
                    (tally.RejectTicks, tally.Rejects) = (tally.RejectTicks + ticks, tally.Rejects + 1);
                    outcome = MessageReasons.Contains(reason) ? reason.ToString() : $"UNEXPECTED REASON {reason}";
                }
            }
            catch (Exception e)
            {
                outcome = $"EXCEPTION {e.GetType().Name}: {e.Message}";
                if (!tally.Outcomes.ContainsKey(outcome)) tally.Failures.Add($"{seed} #{i} ({kind}): {e}\n  payload (base64): {Convert.ToBase64String(raw)}");
            }
            if (outcome.StartsWith("INVALID", StringComparison.Ordinal) || outcome.StartsWith("UNEXPECTED", StringComparison.Ordinal))
            {
                if (!tally.Outcomes.ContainsKey(outcome)) tally.Failures.Add($"{seed} #{i} ({kind}): {outcome}\n  payload (base64): {Convert.ToBase64String(raw)}");
            }
            tally.Outcomes[outcome] = tally.Outcomes.GetValueOrDefault(outcome) + 1;
        }
        return tally;
    }

    /// <summary>What is wrong with a reading the parser let through, or null.</summary>
    private static string? Problem(ParsedPayload p, MessageKind kind)
    {
        static bool IsId(string? s) => s is not null && TopologyLoader.IdPattern().IsMatch(s);
        if (p.Values.Any(v => !double.IsFinite(v.Value))) return "a value that is not finite";
        if (p.Values.Any(v => !IsId(v.Metric))) return "a metric name that is not an id";
        if (p.Values.Select(v => v.Metric).Distinct(StringComparer.Ordinal).Count() != p.Values.Count) return "a metric twice";
        if (p.Dropped.Any(d => !ValueReasons.Contains(d.Reason))) return "a dropped value without a value-level reason";
        if (p.Device is not null && !IsId(p.Device)) return "a device that is not an id";
        if (kind == MessageKind.Event && !IsId(p.EventName)) return "an event name that is not an id";
        if (p.Zone is not null && !IsId(p.Zone)) return "a zone that is not an id";
        if (kind == MessageKind.Telemetry && (p.EventName is not null || p.Zone is not null)) return "an event on a telemetry topic";
        return null;
    }
}
