namespace FacilityHub.Domain.Reports;

public enum TargetStatus
{
    /// <summary>Nothing recorded to judge it on.</summary>
    NoData = 1,
    Met = 2,
    NotMet = 3,
}
