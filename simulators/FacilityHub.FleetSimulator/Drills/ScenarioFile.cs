using System.Text.Json;
using System.Text.Json.Serialization;
using FacilityHub.FleetSimulator.Generation;
using FacilityHub.FleetSimulator.Topology;

namespace FacilityHub.FleetSimulator.Drills;

/// <summary>Reads scenario files: JSON with comments and trailing commas (like the topology), snake_case names,
/// unknown fields refused so a misspelt expectation cannot pass silently.</summary>
public static class ScenarioFile
{
    private static readonly JsonSerializerOptions Options = new()
    {
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        RespectNullableAnnotations = true,
        RespectRequiredConstructorParameters = true,
    };

    /// <summary>Reads and checks <paramref name="path"/>.</summary>
    /// <exception cref="FormatException">Unreadable or invalid; the message names the file and the problem.</exception>
    public static async Task<Scenario> LoadAsync(string path, CancellationToken cancellationToken)
    {
        string json;
        try
        {
            json = await File.ReadAllTextAsync(path, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new FormatException($"scenario {path}: {ex.Message}", ex);
        }

        try
        {
            return Parse(json);
        }
        catch (FormatException ex)
        {
            throw new FormatException($"scenario {path}: {ex.Message}", ex);
        }
    }

    /// <summary>Parses and checks a scenario.</summary>
    /// <exception cref="FormatException">Not a valid scenario.</exception>
    public static Scenario Parse(string json)
    {
        Scenario? scenario;
        try
        {
            scenario = JsonSerializer.Deserialize<Scenario>(json, Options);
        }
        catch (JsonException ex)
        {
            throw new FormatException(ex.Message, ex);
        }

        if (scenario is null)
        {
            throw new FormatException("is empty");
        }

        Check(scenario);
        return scenario;
    }

    /// <summary>The scenario's faults laid out against <paramref name="topology"/>.</summary>
    /// <exception cref="ArgumentException">A fault or device unknown, or a fault that does not fit its device.</exception>
    public static FaultPlan Plan(Scenario scenario, FleetTopology topology)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        return FaultPlan.Create(topology, scenario.Faults.Select(f => f.ToInjection()), clearAfter: null);
    }

    private static void Check(Scenario s)
    {
        static bool Seconds(double v) => double.IsFinite(v) && v >= 0 && v <= 86_400 * 7;
        if (string.IsNullOrWhiteSpace(s.Name)) throw new FormatException("'name' is required");
        if (!Seconds(s.DurationS) || s.DurationS == 0) throw new FormatException("'duration_s' must be more than 0 seconds (at most a week)");
        if (s.IntervalS is { } i && (!double.IsFinite(i) || i < 0.01 || i > 86_400)) throw new FormatException("'interval_s' must be between 0.01 and 86400");
        if (s.Faults is null || s.Faults.Count == 0) throw new FormatException("'faults' lists no fault");
        var e = s.Expectations;
        if (!Seconds(e.OfflineGraceS) || !Seconds(e.SettleS)) throw new FormatException("'expect': offline_grace_s and settle_s are seconds >= 0");
        if (e.RejectedAtLeast?.Where(r => r.Value < 0 || string.IsNullOrWhiteSpace(r.Key)).Select(r => r.Key).FirstOrDefault() is { } bad)
        {
            throw new FormatException($"'expect': rejected_at_least['{bad}'] must be a reason with a count >= 0");
        }
        for (var n = 0; n < s.Faults.Count; n++)
        {
            var f = s.Faults[n];
            var where = $"faults[{n}] ({f.Fault}@{f.Equipment})";
            if (string.IsNullOrWhiteSpace(f.Fault) || string.IsNullOrWhiteSpace(f.Equipment)) throw new FormatException($"faults[{n}]: 'fault' and 'equipment' are required");
            if (!Seconds(f.AtS) || f.AtS >= s.DurationS) throw new FormatException($"{where}: 'at_s' must be >= 0 and before duration_s");
            if (f.ClearAfterS is { } c && (!Seconds(c) || c == 0)) throw new FormatException($"{where}: 'clear_after_s' must be more than 0");
            if (f.Expect is { } x)
            {
                if (!Seconds(x.WithinS) || (x.DispatchedWithinS is { } d && !Seconds(d))) throw new FormatException($"{where}: 'within_s' and 'dispatched_within_s' are seconds >= 0");
                if (x.Alarm is null && x.WorkOrder is not null) throw new FormatException($"{where}: 'work_order' needs the 'alarm' it belongs to");
                if (x.NoAlarm && (x.Alarm is not null || x.MaxAlarms is not null)) throw new FormatException($"{where}: 'no_alarm' does not mix with 'alarm' or 'max_alarms'");
                if (x.MaxAlarms is < 0) throw new FormatException($"{where}: 'max_alarms' must be 0 or more");
                if (x.MaxAlarms is not null && x.WorkOrder is not null) throw new FormatException($"{where}: 'work_order' goes with an expected 'alarm', not with 'max_alarms'");
            }
        }
    }
}
