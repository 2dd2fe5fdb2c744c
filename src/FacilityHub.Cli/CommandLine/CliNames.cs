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
        ("active", AlarmState.Active),
        ("cleared", AlarmState.Cleared));

    public static NameMap<WorkOrderStatus> WorkOrderStatuses { get; } = new(
        ("raised", WorkOrderStatus.Raised),
        ("sent", WorkOrderStatus.Sent),
        ("accepted", WorkOrderStatus.Accepted),
        ("rejected", WorkOrderStatus.Rejected),
        ("en_route", WorkOrderStatus.EnRoute),
        ("on_site", WorkOrderStatus.OnSite),
        ("resolved", WorkOrderStatus.Resolved),
        ("cancelled", WorkOrderStatus.Cancelled));

    public static NameMap<DispatchPriority> WorkOrderPriorities { get; } = new(
        ("emergency", DispatchPriority.Emergency),
        ("major", DispatchPriority.Major),
        ("normal", DispatchPriority.Normal),
        ("complex", DispatchPriority.Complex));
}
