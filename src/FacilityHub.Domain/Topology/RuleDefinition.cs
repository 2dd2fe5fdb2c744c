using FacilityHub.Domain.Alarms;

namespace FacilityHub.Domain.Topology;

/// <summary>
/// One alarm rule of an equipment kind (or overridden for one item), as configured in the topology file.
/// Threshold: <see cref="Metric"/> above <see cref="Above"/> or below <see cref="Below"/>, clearing once back past
/// <see cref="ClearAt"/> (the deadband). RateOfChange: <see cref="Metric"/> changing faster than
/// <see cref="RisingPerSecond"/> / <see cref="FallingPerSecond"/> over <see cref="Window"/>. Composite: every one
/// of <see cref="Conditions"/>. Event: <see cref="Event"/> (optionally only for <see cref="Zones"/>, and for
/// <see cref="Arming"/>'s zones only while armed), cleared by <see cref="ClearEvent"/> or after
/// <see cref="ClearAfter"/>. Stale: no message for <see cref="StaleAfter"/>. Compliance: fewer than a
/// period's minimum of <see cref="Event"/> in one of <see cref="Periods"/>. Flatline: <see cref="Metric"/> has not
/// moved by more than <see cref="Tolerance"/> for <see cref="StaleAfter"/> (a stuck sensor).
/// Threshold, rate, composite, flatline and event rules apply only while every <see cref="OnlyWhen"/> condition holds
/// (e.g. the pump is running); with the gate closed they keep their state. A compliance rule with <see cref="OnlyWhen"/>
/// judges only the periods in which a reading met it (the dishwasher ran). A condition must hold for
/// <see cref="OnDelay"/> before the alarm starts and be gone for <see cref="OffDelay"/> before it clears.
/// </summary>
public sealed record RuleDefinition
{
    public required string Id { get; init; }
    public required RuleKind Kind { get; init; }
    public required string FaultCode { get; init; }
    public required AlarmPriority Priority { get; init; }
    public bool RaisesWorkOrder { get; init; }
    public string Description { get; init; } = "";

    public TimeSpan OnDelay { get; init; }
    public TimeSpan OffDelay { get; init; }
    public IReadOnlyList<MetricCondition> OnlyWhen { get; init; } = [];

    public string? Metric { get; init; }
    public double? Above { get; init; }
    public double? Below { get; init; }
    public double? ClearAt { get; init; }

    public double? RisingPerSecond { get; init; }
    public double? FallingPerSecond { get; init; }
    public TimeSpan Window { get; init; } = TimeSpan.FromSeconds(10);

    public IReadOnlyList<MetricCondition> Conditions { get; init; } = [];

    public string? Event { get; init; }
    public IReadOnlyList<string> Zones { get; init; } = [];
    public string? ClearEvent { get; init; }
    public TimeSpan? ClearAfter { get; init; }
    public ArmingDefinition? Arming { get; init; }

    public TimeSpan StaleAfter { get; init; }
    public double Tolerance { get; init; }

    public IReadOnlyList<MealPeriod> Periods { get; init; } = [];
    public TimeZoneInfo TimeZone { get; init; } = TimeZoneInfo.Utc;

    /// <summary>Rules that need the clock, not only messages: the item's grain must run a timer for them.</summary>
    public bool NeedsClock => Kind is RuleKind.Stale or RuleKind.Compliance || OnDelay > TimeSpan.Zero || OffDelay > TimeSpan.Zero || ClearAfter is not null;
}
