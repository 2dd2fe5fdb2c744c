using FacilityHub.FleetSimulator.Topology;

namespace FacilityHub.FleetSimulator.Generation;

/// <summary>
/// Healthy behaviour per metric: realistic figures for the kinds the documents name (water pump,
/// dishwasher, home alarm), and for any other kind — added to the topology later, without code — a
/// noisy value around the middle of the metric's range.
/// </summary>
public static class SignalProfiles
{
    // Bounds used when the topology gives none (or an absurd span): keeps values finite and readable.
    private const double DefaultSpan = 100;
    private const double Limit = 1e6;

    private static readonly Dictionary<(string Kind, string Metric), MetricSignal> Known = new()
    {
        [("water_pump", "outlet_pressure_bar")] = new(4.5, 0.05, 0.7, 2),
        [("water_pump", "flow_m3h")] = new(30, 0.6, 0.7, 1),
        [("water_pump", "vibration_mm_s")] = new(2.0, 0.1, 0.5, 2),
        [("water_pump", "motor_temp_c")] = new(55, 0.3, 0.3, 1),
        [("water_pump", "running")] = new(1, 0, 1, 0),
        // Hygiene figures in service: wash tank >= 60 degC, final rinse >= 82 degC (DOMAIN.md). Between meal periods
        // the machine stands idle and its tanks cool; it heats up before the next period (ServiceDay).
        [("dishwasher", "wash_temp_c")] = new(65, 0.4, 0.35, 1, ServiceRole.Heated),
        [("dishwasher", "rinse_temp_c")] = new(84, 0.4, 0.35, 1, ServiceRole.Heated),
        [("dishwasher", "conveyor_running")] = new(1, 0, 1, 0, ServiceRole.RunsInService),
        [("home_alarm", "battery_pct")] = new(90, 0.2, 1, 1),
    };

    /// <summary>The healthy behaviour of <paramref name="metric"/> on a device of <paramref name="kind"/>.</summary>
    public static MetricSignal For(KindSpec kind, MetricSpec metric)
    {
        ArgumentNullException.ThrowIfNull(kind);
        ArgumentNullException.ThrowIfNull(metric);
        if (Known.TryGetValue((kind.Name, metric.Name), out var known))
        {
            return known;
        }

        var (low, high) = SensibleRange(metric);
        // A boolean of an unknown kind reads "on": 0.5 means nothing, and rules gate on running == 1.
        if (string.Equals(metric.Unit, "bool", StringComparison.OrdinalIgnoreCase))
        {
            return new MetricSignal(high, 0, 1, 0);
        }

        var span = high - low;
        return new MetricSignal((low + high) / 2, span * 0.01, 0.5, span >= 100 ? 1 : 3);
    }

    /// <summary>The metric's range made finite: a missing bound is put <see cref="DefaultSpan"/> from the other.</summary>
    public static (double Low, double High) SensibleRange(MetricSpec metric)
    {
        ArgumentNullException.ThrowIfNull(metric);
        var (low, high) = (metric.Min, metric.Max) switch
        {
            ({ } min, { } max) => (min, max),
            ({ } min, null) => (min, min + DefaultSpan),
            (null, { } max) => (max - DefaultSpan, max),
            _ => (0.0, DefaultSpan),
        };
        return (Math.Clamp(low, -Limit, Limit), Math.Clamp(high, -Limit, Limit));
    }
}
