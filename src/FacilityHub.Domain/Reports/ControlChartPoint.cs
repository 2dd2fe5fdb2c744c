namespace FacilityHub.Domain.Reports;

/// <summary>One individual value of an XmR chart (minutes), with the order it belongs to; <see cref="Outside"/> when
/// it lies above the UCL or below the LCL.</summary>
public sealed record ControlChartPoint(string Label, DateTimeOffset At, double Value, bool Outside);
