using FacilityHub.Domain.Topology;

namespace FacilityHub.Domain.Telemetry;

/// <summary>Checks values against the kind's metrics: unknown metrics and physically impossible values are
/// dropped (and reported) one by one; the plausible values of the same message are kept.</summary>
public static class ReadingValidator
{
    public static IReadOnlyList<MetricValue> KeepPlausible(EquipmentKind kind, IReadOnlyList<MetricValue> values, ICollection<(string Metric, RejectReason Reason)> rejected)
    {
        List<MetricValue>? kept = null;
        for (int i = 0; i < values.Count; i++)
        {
            var v = values[i];
            RejectReason? reason = !kind.Metrics.TryGetValue(v.Metric, out var def) ? RejectReason.UnknownMetric
                : !double.IsFinite(v.Value) ? RejectReason.NotANumber
                : !def.IsPlausible(v.Value) ? RejectReason.OutOfRange
                : null;
            if (reason is { } r)
            {
                rejected.Add((v.Metric, r));
                kept ??= values.Take(i).ToList();
            }
            else
            {
                kept?.Add(v);
            }
        }
        return kept ?? values;
    }
}
