using FacilityHub.Api.V1;
using System.Globalization;
using MaintenanceSetup = FacilityHub.Domain.Maintenance.MaintenanceSetup;
using FacilityHub.Domain.Topology;
using FacilityHub.Grains.Maintenance;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;

namespace FacilityHub.Server.Api;

/// <summary>Equipment under maintenance, whose own alarms are suppressed by design for the window. The actor on
/// record is the caller's authenticated name.</summary>
public sealed class MaintenanceApi(Estate estate, MaintenanceSetup setup, IGrainFactory grains, TimeProvider time) : MaintenanceService.MaintenanceServiceBase
{
    private const int MaxTextLength = 2000;

    public override async Task<MaintenanceWindow> StartMaintenance(StartMaintenanceRequest request, ServerCallContext context)
    {
        var item = Sites.Equipment(estate, request.EquipmentId);
        if (request.Duration is null) throw Requests.Invalid("duration", "is required");
        var duration = request.Duration.ToTimeSpan();
        if (duration <= TimeSpan.Zero) throw Requests.Invalid("duration", "must be positive");
        if (duration > Domain.Maintenance.MaintenanceWindow.MaxDuration) throw Requests.Invalid("duration", $"must be at most {Domain.Maintenance.MaintenanceWindow.MaxDuration.TotalDays:0} days");
        Requests.Required(request.Reason, "reason");
        if (request.Reason.Length > MaxTextLength) throw Requests.Invalid("reason", $"must be at most {MaxTextLength} characters");
        var window = await grains.GetGrain<IMaintenanceGrain>(item.Id).Start(new MaintenanceStart(duration, Caller.Of(context).Name, request.Reason));
        return ToProto(window);
    }

    public override async Task<MaintenanceWindow> EndMaintenance(EndMaintenanceRequest request, ServerCallContext context)
    {
        var item = Sites.Equipment(estate, request.EquipmentId);
        if (request.Note.Length > MaxTextLength) throw Requests.Invalid("note", $"must be at most {MaxTextLength} characters");
        var window = await grains.GetGrain<IMaintenanceGrain>(item.Id).End(Caller.Of(context).Name, request.Note)
            ?? throw new RpcException(new Status(StatusCode.FailedPrecondition, $"equipment '{item.Id}' is not under maintenance"));
        return ToProto(window);
    }

    public override async Task<ListMaintenanceResponse> ListMaintenance(ListMaintenanceRequest request, ServerCallContext context)
    {
        var sites = Sites.Resolve(estate, request.SiteId);
        var boards = await Task.WhenAll(sites.Select(s => grains.GetGrain<IMaintenanceBoardGrain>(s.Id).List()));
        var response = new ListMaintenanceResponse();
        response.Windows.AddRange(boards.SelectMany(b => b).OrderBy(w => w.EndsAt).Select(ToProto));
        return response;
    }

    public override async Task<TeamWeek> ListTeamWeek(ListTeamWeekRequest request, ServerCallContext context)
    {
        Requests.Required(request.TeamId, "team_id");
        var team = setup.Team(request.TeamId) ?? throw Requests.NotFound($"team '{request.TeamId}' is not configured (teams: {string.Join(", ", setup.Teams.Select(t => t.Id))})");
        DateOnly day = team.LocalDate(time.GetUtcNow());
        if (request.WeekStart.Length > 0 && !DateOnly.TryParseExact(request.WeekStart, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out day))
        {
            throw Requests.Invalid("week_start", "a date, yyyy-MM-dd");
        }
        var monday = day.AddDays(-(((int)day.DayOfWeek + 6) % 7));
        var orders = await Planner().ListVisits(team.Id, team.At(monday, TimeOnly.MinValue), team.At(monday.AddDays(7), TimeOnly.MinValue));
        var week = new TeamWeek { Team = ToProto(team), WeekStart = monday.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) };
        week.Orders.AddRange(orders.Select(ToProto));
        return week;
    }

    public override async Task<MaintenanceOrder> GetMaintenanceOrder(GetMaintenanceOrderRequest request, ServerCallContext context)
    {
        Requests.Required(request.OrderId, "order_id");
        var order = await Planner().Get(request.OrderId) ?? throw Requests.NotFound($"engineering order '{request.OrderId}' does not exist");
        return ToProto(order);
    }

    public override async Task<MaintenanceOrder> RescheduleWorkOrder(RescheduleWorkOrderRequest request, ServerCallContext context)
    {
        Requests.Required(request.OrderId, "order_id");
        if (request.VisitStart is null) throw Requests.Invalid("visit_start", "is required");
        Requests.Required(request.Reason, "reason");
        if (request.Reason.Length > MaxTextLength) throw Requests.Invalid("reason", $"must be at most {MaxTextLength} characters");
        return ToProto(await Planner().Reschedule(request.OrderId, request.VisitStart.ToDateTimeOffset(), request.Reason, Caller.Of(context).Name));
    }

    public override async Task<MaintenanceOrder> StartMaintenanceWork(StartMaintenanceWorkRequest request, ServerCallContext context)
    {
        Requests.Required(request.OrderId, "order_id");
        return ToProto(await Planner().StartWork(request.OrderId, Caller.Of(context).Name));
    }

    public override async Task<MaintenanceOrder> CompleteMaintenanceWork(CompleteMaintenanceWorkRequest request, ServerCallContext context)
    {
        Requests.Required(request.OrderId, "order_id");
        Requests.Required(request.Findings, "findings");
        if (request.Findings.Length > MaxTextLength) throw Requests.Invalid("findings", $"must be at most {MaxTextLength} characters");
        if (request.Parts.Count > 100) throw Requests.Invalid("parts", "at most 100 lines");
        for (int i = 0; i < request.Parts.Count; i++)
        {
            var p = request.Parts[i];
            if (string.IsNullOrWhiteSpace(p.Part) || p.Part.Length > 200) throw Requests.Invalid($"parts[{i}].part", "is required, at most 200 characters");
            if (!(p.Quantity > 0) || double.IsInfinity(p.Quantity)) throw Requests.Invalid($"parts[{i}].quantity", "must be a positive number");
        }
        var parts = request.Parts.Select(p => new FacilityHub.Grains.Maintenance.PartUsed(p.Part.Trim(), p.Quantity)).ToArray();
        return ToProto(await Planner().Complete(request.OrderId, request.Findings, parts, Caller.Of(context).Name));
    }

    public override async Task<MaintenanceOrder> RequestHomeAlarmService(RequestHomeAlarmServiceRequest request, ServerCallContext context)
    {
        var point = Sites.Equipment(estate, request.EquipmentId);
        if (!point.Kind.IsInResidence) throw Requests.Invalid("equipment_id", $"'{point.Id}' is a {point.Kind.Name}, not a home alarm point");
        if (request.Kind is not (HomeAlarmServiceKind.Commission or HomeAlarmServiceKind.Relocate or HomeAlarmServiceKind.Repair))
        {
            throw Requests.Invalid("kind", "must be commission, relocate or repair");
        }
        Requests.Required(request.Description, "description");
        if (request.Description.Length > MaxTextLength) throw Requests.Invalid("description", $"must be at most {MaxTextLength} characters");
        var kind = (Domain.Maintenance.HomeAlarmServiceKind)(int)request.Kind;
        var order = await Planner().RequestService(new HomeAlarmServiceRequest(point.Id, kind, request.Description,
            request.PreferredStart?.ToDateTimeOffset(), Caller.Of(context).Name));
        return ToProto(order);
    }

    public override async Task<MaintenanceOrder> RecordNoAccess(RecordNoAccessRequest request, ServerCallContext context)
    {
        Requests.Required(request.OrderId, "order_id");
        Requests.Required(request.Note, "note");
        if (request.Note.Length > MaxTextLength) throw Requests.Invalid("note", $"must be at most {MaxTextLength} characters");
        return ToProto(await Planner().RecordNoAccess(request.OrderId, request.Note, Caller.Of(context).Name));
    }

    private IMaintenancePlannerGrain Planner() => grains.GetGrain<IMaintenancePlannerGrain>(IMaintenancePlannerGrain.Key);

    private static FacilityHub.Api.V1.MaintenanceTeam ToProto(Domain.Maintenance.MaintenanceTeam t)
    {
        var proto = new FacilityHub.Api.V1.MaintenanceTeam
        {
            Id = t.Id, Name = t.Name, Skill = t.Skill, TimeZone = t.TimeZone.Id, Capacity = t.Capacity,
            Hours = $"{t.DayStart:HH:mm}-{t.DayEnd:HH:mm}",
        };
        proto.WorkingDays.AddRange(t.WorkingDays.OrderBy(d => ((int)d + 6) % 7).Select(d => d.ToString()[..3].ToLowerInvariant()));
        return proto;
    }

    private static MaintenanceOrder ToProto(EngineeringOrder o)
    {
        var proto = new MaintenanceOrder
        {
            Id = o.OrderId, PlanId = o.PlanId, Title = o.Title, EquipmentId = o.EquipmentId, SiteId = o.SiteId, BuildingId = o.BuildingId,
            TeamId = o.TeamId, Occurrence = o.Occurrence, DueAt = Timestamp.FromDateTimeOffset(o.DueAt), CreatedAt = Timestamp.FromDateTimeOffset(o.CreatedAt),
            VisitStart = Timestamp.FromDateTimeOffset(o.VisitStart), VisitEnd = Timestamp.FromDateTimeOffset(o.VisitEnd),
            Status = (MaintenanceOrderStatus)(int)o.Status, Findings = o.Findings, Reschedules = o.Reschedules, Schedule = o.Schedule,
            ServiceKind = o.ServiceKind is { } kind ? (HomeAlarmServiceKind)(int)kind : HomeAlarmServiceKind.Unspecified,
            Description = o.Description, NoAccessVisits = o.NoAccessVisits, RequestedBy = o.RequestedBy,
        };
        if (o.StartedAt is { } started) proto.StartedAt = Timestamp.FromDateTimeOffset(started);
        if (o.CompletedAt is { } completed) proto.CompletedAt = Timestamp.FromDateTimeOffset(completed);
        proto.Parts.AddRange(o.Parts.Select(p => new FacilityHub.Api.V1.PartUsed { Part = p.Part, Quantity = p.Quantity }));
        proto.Steps.AddRange(o.Steps.Select(s => new MaintenanceOrderStep { At = Timestamp.FromDateTimeOffset(s.At), Actor = s.Actor, What = s.What }));
        proto.SlaBreaches.AddRange(o.Breaches.Select(b => new FacilityHub.Api.V1.SlaBreach
        {
            Clock = (FacilityHub.Api.V1.SlaClock)(int)b.Clock, Due = Timestamp.FromDateTimeOffset(b.Due), DetectedAt = Timestamp.FromDateTimeOffset(b.DetectedAt),
        }));
        return proto;
    }

    private static MaintenanceWindow ToProto(MaintenanceView w)
    {
        var proto = new MaintenanceWindow
        {
            EquipmentId = w.EquipmentId,
            SiteId = w.SiteId,
            BuildingId = w.BuildingId,
            StartedAt = Timestamp.FromDateTimeOffset(w.StartedAt),
            EndsAt = Timestamp.FromDateTimeOffset(w.EndsAt),
            StartedBy = w.StartedBy,
            Reason = w.Reason,
            EndedBy = w.EndedBy ?? "",
            EndNote = w.EndNote ?? "",
        };
        if (w.EndedAt is { } ended) proto.EndedAt = Timestamp.FromDateTimeOffset(ended);
        return proto;
    }
}
