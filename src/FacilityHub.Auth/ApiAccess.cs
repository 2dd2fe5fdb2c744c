using static FacilityHub.Auth.HubRoles;

namespace FacilityHub.Auth;

/// <summary>
/// Who may call what: every gRPC method the hub serves, by full name ("/package.Service/Method"), with
/// the roles allowed. The hub's access interceptor checks every call against this table before the
/// handler runs; a method missing here is refused to everyone. Health checks and reflection are open.
/// </summary>
public static class ApiAccess
{
    private static readonly string[] Readers = [Operator, Engineer, CustomerService, Quality, Admin];

    public static IReadOnlyDictionary<string, IReadOnlySet<string>> Methods { get; } = new Dictionary<string, string[]>
    {
        // The estate and readings: every staff role (the dispatch system has its own copy of what it needs).
        ["/facilityhub.v1.AssetService/GetAssetTree"] = Readers,
        ["/facilityhub.v1.AssetService/GetEquipment"] = Readers,
        // Residents' names and phone numbers: customer service calls them; nobody else needs them (DOMAIN.md
        // "Confidentiality"). Operators and engineers reach the home through the location and the dispatch order.
        ["/facilityhub.v1.AssetService/GetResidentContact"] = [CustomerService],
        ["/facilityhub.v1.TelemetryService/GetTelemetryHistory"] = Readers,
        // The pipeline's health is the control room's and the administrator's concern.
        ["/facilityhub.v1.TelemetryService/GetIngestionStats"] = [Operator, Admin],
        ["/facilityhub.v1.AlarmService/ListAlarms"] = Readers,
        ["/facilityhub.v1.AlarmService/GetAlarm"] = Readers,
        ["/facilityhub.v1.AlarmService/WatchAlarms"] = Readers,
        // Acting on alarms is the operator's job alone (ISA-18.2: the operator responds; an administrator
        // who changes rules does not also silence their alarms).
        ["/facilityhub.v1.AlarmService/AcknowledgeAlarms"] = [Operator],
        ["/facilityhub.v1.AlarmService/ShelveAlarm"] = [Operator],
        ["/facilityhub.v1.AlarmService/UnshelveAlarm"] = [Operator],
        ["/facilityhub.v1.AlarmService/CommentAlarm"] = [Operator],
        // Taking a broken detector out of service is a decision about the alarm system itself: operators and admins.
        ["/facilityhub.v1.AlarmService/RemoveAlarmFromService"] = [Operator, Admin],
        ["/facilityhub.v1.AlarmService/ReturnAlarmToService"] = [Operator, Admin],
        // Alarm-system performance: the operator position, quality's monthly analysis, the rules' owner.
        ["/facilityhub.v1.AlarmService/GetAlarmKpis"] = [Operator, Quality, Admin],
        ["/facilityhub.v1.WorkOrderService/ListWorkOrders"] = Readers,
        ["/facilityhub.v1.WorkOrderService/GetWorkOrder"] = Readers,
        // The end-of-day list is the control room's, and every staff role may see why an order is still open.
        ["/facilityhub.v1.WorkOrderService/ListUnsignedWorkOrders"] = Readers,
        // Follow-up calls (回访) are customer service's job.
        ["/facilityhub.v1.WorkOrderService/ListFollowUps"] = [CustomerService],
        ["/facilityhub.v1.WorkOrderService/RecordFollowUp"] = [CustomerService],
        // Withdrawing an order is dispatching work, the operator's job.
        ["/facilityhub.v1.WorkOrderService/CancelWorkOrder"] = [Operator],
        // Engineers put the items they work on under maintenance; the control room may too (a crew that phones in).
        // Quality and customer service only see it.
        ["/facilityhub.v1.MaintenanceService/StartMaintenance"] = [Engineer, Operator],
        ["/facilityhub.v1.MaintenanceService/EndMaintenance"] = [Engineer, Operator],
        ["/facilityhub.v1.MaintenanceService/ListMaintenance"] = Readers,
        // The monthly report is quality's analysis (it writes it); the control room answers for the response figures and the
        // administrator for the system. It holds ids and figures only, no residents' data.
        ["/facilityhub.v1.ReportService/GetMonthlyReport"] = [Quality, Operator, Admin],
        // Preventive maintenance: engineers plan and do the work; the control room, quality and the administrator see it.
        // Customer service has no part in planning the engineering week.
        ["/facilityhub.v1.MaintenanceService/ListTeamWeek"] = [Operator, Engineer, Quality, Admin],
        // Customer service may follow one order (a resident's home alarm service it booked, to tell them when the visit is).
        ["/facilityhub.v1.MaintenanceService/GetMaintenanceOrder"] = [Operator, Engineer, CustomerService, Quality, Admin],
        ["/facilityhub.v1.MaintenanceService/RescheduleWorkOrder"] = [Engineer],
        ["/facilityhub.v1.MaintenanceService/StartMaintenanceWork"] = [Engineer],
        ["/facilityhub.v1.MaintenanceService/CompleteMaintenanceWork"] = [Engineer],
        // Home alarm services: customer service records residents' requests, the control room books what it finds (a
        // point that keeps failing, an alarm that needs a visit). Engineers do the work, they do not take requests;
        // quality and the administrator only see the orders. The engineer at the door records that nobody was home.
        ["/facilityhub.v1.MaintenanceService/RequestHomeAlarmService"] = [CustomerService, Operator],
        ["/facilityhub.v1.MaintenanceService/RecordNoAccess"] = [Engineer],
        // Inspections: quality runs them, team leaders and department managers (engineers) too; everyone sees them.
        ["/facilityhub.v1.QualityService/ListDueRounds"] = Readers,
        ["/facilityhub.v1.QualityService/RecordInspection"] = [Quality, Engineer],
        ["/facilityhub.v1.QualityService/ListInspections"] = Readers,
        // Nonconformances: quality demands the corrective action and verifies it; whoever owns the action (any
        // department: engineering, the kitchen, customer service, the control room) reports it done.
        ["/facilityhub.v1.QualityService/ListNonconformances"] = Readers,
        ["/facilityhub.v1.QualityService/AssignAction"] = [Quality],
        ["/facilityhub.v1.QualityService/CompleteAction"] = [Engineer, Operator, CustomerService, Quality],
        ["/facilityhub.v1.QualityService/VerifyAction"] = [Quality],
        // The complaints register is customer service's; quality reads it for the monthly report.
        ["/facilityhub.v1.QualityService/RecordComplaint"] = [CustomerService],
        ["/facilityhub.v1.QualityService/AnswerComplaint"] = [CustomerService],
        ["/facilityhub.v1.QualityService/ListComplaints"] = [CustomerService, Quality],
        // The monthly report's raw data: quality writes the report; management (admin) reads it.
        ["/facilityhub.v1.QualityService/GetMonthlyQualityRecords"] = [Quality, Admin],
        ["/dispatch.v1.DispatchProgressService/ReportProgress"] = [Dispatch],
    }.ToDictionary(e => e.Key, e => (IReadOnlySet<string>)e.Value.ToHashSet(StringComparer.Ordinal), StringComparer.Ordinal);

    /// <summary>Services any caller may use without a token: they say nothing about the estate.</summary>
    public static IReadOnlySet<string> OpenServices { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        "grpc.health.v1.Health",
        "grpc.reflection.v1alpha.ServerReflection",
        "grpc.reflection.v1.ServerReflection",
    };

    /// <summary>Roles that see where a home alarm point is (a resident's room): operators who respond, engineers who
    /// go on site, customer service who call the resident, and the administrator who keeps the topology.</summary>
    public static IReadOnlySet<string> ResidentLocationReaders { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        Operator, Engineer, CustomerService, Admin,
    };

    /// <summary>"/grpc.health.v1.Health/Check" and the like.</summary>
    public static bool IsOpen(string method)
    {
        int slash = method.IndexOf('/', 1);
        return slash > 1 && OpenServices.Contains(method[1..slash]);
    }

    public static bool Allows(string method, IEnumerable<string> roles) =>
        Methods.TryGetValue(method, out var allowed) && roles.Any(allowed.Contains);

    public static bool SeesResidentLocations(IEnumerable<string> roles) => roles.Any(ResidentLocationReaders.Contains);
}
