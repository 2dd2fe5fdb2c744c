namespace FacilityHub.Domain.Reports;

/// <summary>An individuals and moving-range (XmR) control chart, values in minutes, in time order. Mean is the
/// average of the values; the limits are mean ± 2.66 × the average moving range (the mean of |xᵢ − xᵢ₋₁|), the LCL
/// floored at 0 (a time is never negative). Limits need at least two points; with fewer they are null.</summary>
public sealed record ControlChart(string Title, IReadOnlyList<ControlChartPoint> Points, double? Mean, double? AverageMovingRange, double? Ucl, double? Lcl)
{
    /// <summary>The XmR constant 3 / d₂ (d₂ = 1.128 for moving ranges of two).</summary>
    public const double Constant = 2.66;

    public static ControlChart Of(string title, IEnumerable<(string Label, DateTimeOffset At, double Value)> values)
    {
        var ordered = values.OrderBy(v => v.At).ThenBy(v => v.Label, StringComparer.Ordinal).ToList();
        if (ordered.Count == 0) return new ControlChart(title, [], null, null, null, null);
        double mean = ordered.Average(v => v.Value);
        if (ordered.Count < 2)
        {
            return new ControlChart(title, [.. ordered.Select(v => new ControlChartPoint(v.Label, v.At, v.Value, false))], mean, null, null, null);
        }
        double mr = ordered.Zip(ordered.Skip(1), (a, b) => Math.Abs(b.Value - a.Value)).Average();
        double ucl = mean + Constant * mr;
        double lcl = Math.Max(0, mean - Constant * mr);
        var points = ordered.Select(v => new ControlChartPoint(v.Label, v.At, v.Value, v.Value > ucl || v.Value < lcl)).ToList();
        return new ControlChart(title, points, mean, mr, ucl, lcl);
    }

    public int OutsideCount => Points.Count(p => p.Outside);
}
