using System.Globalization;

namespace FacilityHub.Domain.Topology;

/// <summary>"flow_m3h below 5", "running equals 1": one test on a metric's latest value.</summary>
public sealed record MetricCondition(string Metric, ConditionOperator Operator, double Value)
{
    public bool HoldsFor(double value) => Operator switch
    {
        ConditionOperator.Above => value > Value,
        ConditionOperator.Below => value < Value,
        _ => value == Value,
    };

    public override string ToString() =>
        $"{Metric} {Operator.ToString().ToLowerInvariant()} {Value.ToString(CultureInfo.InvariantCulture)}";
}
