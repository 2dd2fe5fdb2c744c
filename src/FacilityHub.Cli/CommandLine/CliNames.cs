using FacilityHub.Api.V1;
using DispatchPriority = FacilityHub.Dispatch.V1.WorkOrderPriority;

namespace FacilityHub.Cli.CommandLine;

/// <summary>The names fhub uses for the API's enums, in options and in tables.</summary>
public static class CliNames
{
    public static NameMap<AlarmPriority> AlarmPriorities { get; } = new(
        ("emergency", AlarmPriority.Emergency),
        ("high", AlarmPriority.High),
        ("medium", AlarmPriority.Medium),
        ("low", AlarmPriority.Low));

    public static NameMap<AlarmState> AlarmStates { get; } = new(
        ("normal", AlarmState.Normal),
        ("active_unack", AlarmState.ActiveUnacknowledged),
        ("active_ack", AlarmState.ActiveAcknowledged),
        ("rtn_unack", AlarmState.ReturnedUnacknowledged),
        ("shelved", AlarmState.Shelved),
        ("suppressed", AlarmState.SuppressedByDesign),
        ("out_of_service", AlarmState.OutOfService));

    public static NameMap<WorkOrderStatus> WorkOrderStatuses { get; } = new(
        ("raised", WorkOrderStatus.Raised),
        ("sent", WorkOrderStatus.Sent),
        ("accepted", WorkOrderStatus.Accepted),
        ("rejected", WorkOrderStatus.Rejected),
        ("en_route", WorkOrderStatus.EnRoute),
        ("on_site", WorkOrderStatus.OnSite),
        ("resolved", WorkOrderStatus.Resolved),
        ("cancelled", WorkOrderStatus.Cancelled),
        ("rescheduled", WorkOrderStatus.Rescheduled),
        ("verified", WorkOrderStatus.Verified),
        ("reopened", WorkOrderStatus.Reopened),
        ("followed_up", WorkOrderStatus.FollowedUp),
        ("closed", WorkOrderStatus.Closed));

    public static NameMap<DispatchPriority> WorkOrderPriorities { get; } = new(
        ("emergency", DispatchPriority.Emergency),
        ("major", DispatchPriority.Major),
        ("normal", DispatchPriority.Normal),
        ("complex", DispatchPriority.Complex));

    public static NameMap<InspectionLevel> InspectionLevels { get; } = new(
        ("daily", InspectionLevel.Daily),
        ("weekly", InspectionLevel.Weekly),
        ("monthly", InspectionLevel.Monthly));

    public static NameMap<ItemResult> ItemResults { get; } = new(
        ("pass", ItemResult.Pass),
        ("fail", ItemResult.Fail),
        ("na", ItemResult.NotApplicable));

    public static NameMap<NonconformanceState> NonconformanceStates { get; } = new(
        ("open", NonconformanceState.Open),
        ("action_assigned", NonconformanceState.ActionAssigned),
        ("action_completed", NonconformanceState.ActionCompleted),
        ("verified", NonconformanceState.Verified));

    public static NameMap<NonconformanceSeverity> NonconformanceSeverities { get; } = new(
        ("minor", NonconformanceSeverity.Minor),
        ("major", NonconformanceSeverity.Major),
        ("critical", NonconformanceSeverity.Critical));
}
