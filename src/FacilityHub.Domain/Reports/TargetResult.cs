namespace FacilityHub.Domain.Reports;

/// <summary>A rate against its target: <see cref="Count"/> of <see cref="Total"/>, at least <see cref="TargetPercent"/>.</summary>
public sealed record TargetResult(string Name, int Count, int Total, double TargetPercent, string NoDataText)
{
    public double? Percent => Total == 0 ? null : 100.0 * Count / Total;

    public TargetStatus Status => Percent is not { } p ? TargetStatus.NoData : p >= TargetPercent ? TargetStatus.Met : TargetStatus.NotMet;
}
