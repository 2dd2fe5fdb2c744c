using FacilityHub.Domain.Maintenance;
using FacilityHub.Domain.Topology;
using FacilityHub.Domain.WorkOrders;
using FacilityHub.Grains.Alarms;
using FacilityHub.Grains.WorkOrders;
using Microsoft.Extensions.Logging;

namespace FacilityHub.Grains.Maintenance;

/// <summary>Runs <see cref="MaintenancePlanner"/> every minute (an Orleans reminder, so also after a restart) and holds
/// the engineering orders it makes. Plan progress and orders are one state written at once: a crash before the write
/// makes the same order ids again, never a second order. The orders run <see cref="EngineeringOrderClocks"/>; a breach
/// is recorded and raises the item's <c>sla_breached</c> alarm for the operators.</summary>
public sealed partial class MaintenancePlannerGrain(
    [PersistentState("maintenance-planner", GrainStorage.Name)] IPersistentState<MaintenancePlannerState> state,
    Estate estate,
    MaintenanceSetup setup,
    SlaPolicy sla,
    TimeProvider time,
    ILogger<MaintenancePlannerGrain> logger) : Grain, IMaintenancePlannerGrain, IRemindable
{
    private const string PlanReminder = "plan";
    private static readonly TimeSpan Period = TimeSpan.FromMinutes(1);
    private const int MaxTextLength = 2000;

    private MaintenancePlanner _planner = null!;
    private IGrainTimer? _slaTimer;

    private MaintenancePlannerState S => state.State;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _planner = new MaintenancePlanner(setup, estate.Equipment, sla.AppointmentSlack);
        if (setup.Plans.Count > 0) await this.RegisterOrUpdateReminder(PlanReminder, Period, Period);
    }

    public Task Wake() => PlanAsync();

    public Task ReceiveReminder(string reminderName, TickStatus status) => PlanAsync();

    public Task<EngineeringOrder[]> ListVisits(string teamId, DateTimeOffset from, DateTimeOffset to) =>
        Task.FromResult(S.Orders.Values.Where(o => o.TeamId == teamId && o.VisitStart >= from && o.VisitStart < to)
            .OrderBy(o => o.VisitStart).ThenBy(o => o.OrderId, StringComparer.Ordinal).ToArray());

    public Task<EngineeringOrder?> Get(string orderId) => Task.FromResult(S.Orders.GetValueOrDefault(orderId));

    public async Task<EngineeringOrder> Reschedule(string orderId, DateTimeOffset start, string reason, string actor)
    {
        var order = Find(orderId);
        var now = time.GetUtcNow();
        if (order.Status != EngineeringOrderStatus.Scheduled) throw Refused(order, "only a scheduled visit can be moved");
        if (start <= now) throw new WorkOrderActionRefusedException($"order {orderId}: the new visit {start:u} is not in the future");
        var team = setup.Team(order.TeamId) ?? throw new WorkOrderActionRefusedException($"order {orderId}: team {order.TeamId} is no longer configured");
        var visit = new Appointment(order.OrderId, team.Id, start, start + (order.VisitEnd - order.VisitStart));
        if (AppointmentBook.Problem(team, Bookings(now), visit, sla.AppointmentSlack) is { } problem)
        {
            throw new WorkOrderActionRefusedException($"order {orderId} cannot move to {start:u}: {problem}");
        }
        var was = order.VisitStart;
        order.VisitStart = visit.Start;
        order.VisitEnd = visit.End;
        order.Reschedules++;
        order.Steps.Add(new EngineeringStep(now, actor, $"visit moved from {was:u} to {visit.Start:u}: {reason}"));
        await state.WriteStateAsync();
        LogRescheduled(orderId, was, visit.Start, actor);
        await RunSlaAsync();
        return order;
    }

    public async Task<EngineeringOrder> StartWork(string orderId, string actor)
    {
        var order = Find(orderId);
        if (order.Status != EngineeringOrderStatus.Scheduled) throw Refused(order, "the work can be started once, on a scheduled order");
        var now = time.GetUtcNow();
        order.Status = EngineeringOrderStatus.InProgress;
        order.StartedAt = now;
        order.Steps.Add(new EngineeringStep(now, actor, $"work started; {order.EquipmentId} under maintenance for {order.VisitEnd - order.VisitStart:hh\\:mm}"));
        await state.WriteStateAsync();
        // After the order is stored: a crash in between leaves an order in progress whose item an engineer can still put under maintenance.
        await GrainFactory.GetGrain<IMaintenanceGrain>(order.EquipmentId)
            .Start(new MaintenanceStart(order.VisitEnd - order.VisitStart, actor, $"{order.Title} ({order.OrderId})"));
        LogStarted(orderId, actor);
        await RunSlaAsync();
        return order;
    }

    public async Task<EngineeringOrder> Complete(string orderId, string findings, PartUsed[] parts, string actor)
    {
        var order = Find(orderId);
        if (order.Status == EngineeringOrderStatus.Completed) throw Refused(order, "it is completed already");
        var now = time.GetUtcNow();
        bool started = order.Status == EngineeringOrderStatus.InProgress;
        order.Status = EngineeringOrderStatus.Completed;
        order.StartedAt ??= now; // done without a recorded start: on site when it was signed as done
        order.CompletedAt = now;
        order.Findings = findings.Length > MaxTextLength ? findings[..MaxTextLength] : findings;
        order.Parts = [.. parts];
        string used = parts.Length == 0 ? "no parts" : string.Join(", ", parts.Select(p => $"{p.Part} x {p.Quantity:0.###}"));
        order.Steps.Add(new EngineeringStep(now, actor, $"completed: {findings} ({used})"));
        await state.WriteStateAsync();
        if (started) await GrainFactory.GetGrain<IMaintenanceGrain>(order.EquipmentId).End(actor, $"{order.OrderId} completed");
        LogCompleted(orderId, actor);
        await RunSlaAsync();
        return order;
    }

    public async Task<EngineeringOrder> RequestService(HomeAlarmServiceRequest request)
    {
        if (!estate.TryGetEquipment(request.PointId, out var point)) throw new KeyNotFoundException($"equipment '{request.PointId}' is not in the topology");
        var now = time.GetUtcNow();
        string orderId = HomeAlarmService.OrderId(point.Id, request.Kind, S.ServiceRequests + 1);
        var visit = HomeAlarmService.Book(setup, Bookings(now), orderId, request.Kind, request.Preferred, now, sla.AppointmentSlack)
            ?? throw new WorkOrderActionRefusedException(setup.TeamsWith(HomeAlarmService.Skill).Any()
                ? $"no team with skill {HomeAlarmService.Skill} has a free slot within {AppointmentBook.Horizon.TotalDays:0} days"
                : $"no team with skill {HomeAlarmService.Skill} is configured");
        string description = request.Description.Length > MaxTextLength ? request.Description[..MaxTextLength] : request.Description;
        string preferred = request.Preferred is { } p ? $", preferred {p:u}" : "";
        var order = new EngineeringOrder
        {
            OrderId = orderId, Title = HomeAlarmService.Title(request.Kind), Schedule = $"requested by {request.Actor}",
            EquipmentId = point.Id, SiteId = point.SiteId, BuildingId = point.BuildingId, TeamId = visit.TeamId,
            Occurrence = (S.ServiceRequests + 1).ToString(System.Globalization.CultureInfo.InvariantCulture),
            DueAt = request.Preferred is { } due && due > now ? due : now, CreatedAt = now,
            VisitStart = visit.Start, VisitEnd = visit.End, Status = EngineeringOrderStatus.Scheduled,
            ServiceKind = request.Kind, Description = description, RequestedBy = request.Actor,
            Steps = [new EngineeringStep(now, request.Actor, $"{HomeAlarmService.Name(request.Kind)} requested{preferred}: {description}; visit booked for team {visit.TeamId} {visit.Start:u}")],
        };
        S.ServiceRequests++;
        S.Orders[orderId] = order;
        await state.WriteStateAsync();
        LogServiceRequested(orderId, visit.TeamId, visit.Start, request.Actor);
        await RunSlaAsync();
        return order;
    }

    public async Task<EngineeringOrder> RecordNoAccess(string orderId, string note, string actor)
    {
        var order = Find(orderId);
        if (order.Status != EngineeringOrderStatus.Scheduled) throw Refused(order, "nobody home is recorded for a scheduled visit, before the work starts");
        var now = time.GetUtcNow();
        var team = setup.Team(order.TeamId) ?? throw new WorkOrderActionRefusedException($"order {orderId}: team {order.TeamId} is no longer configured");
        var visit = AppointmentBook.AfterNoAccess(team, Bookings(now), new Appointment(order.OrderId, team.Id, order.VisitStart, order.VisitEnd), now, sla.AppointmentSlack)
            ?? throw new WorkOrderActionRefusedException($"order {orderId}: team {team.Id} has no free slot within {AppointmentBook.Horizon.TotalDays:0} days to re-book the visit");
        var was = order.VisitStart;
        order.VisitStart = visit.Start;
        order.VisitEnd = visit.End;
        order.NoAccessVisits++;
        order.Reschedules++;
        string text = note.Length > MaxTextLength ? note[..MaxTextLength] : note;
        order.Steps.Add(new EngineeringStep(now, actor, $"nobody home for the visit of {was:u}, note left: {text}; visit re-booked for {visit.Start:u}"));
        await state.WriteStateAsync();
        LogNoAccess(orderId, was, visit.Start, actor);
        await RunSlaAsync();
        return order;
    }

    private EngineeringOrder Find(string orderId) =>
        S.Orders.TryGetValue(orderId, out var order) ? order : throw new KeyNotFoundException($"engineering order '{orderId}' does not exist");

    private static WorkOrderActionRefusedException Refused(EngineeringOrder order, string why) =>
        new($"order {order.OrderId} is {order.Status.ToString().ToLowerInvariant()}: {why}");

    /// <summary>Visits that still hold a crew: open orders not long past.</summary>
    private List<Appointment> Bookings(DateTimeOffset now) =>
        [.. S.Orders.Values.Where(o => o.IsOpen && o.VisitEnd > now - TimeSpan.FromDays(1))
            .Select(o => new Appointment(o.OrderId, o.TeamId, o.VisitStart, o.VisitEnd))];

    private async Task PlanAsync()
    {
        var now = time.GetUtcNow();
        var meters = new Dictionary<string, RuntimeMeter>(StringComparer.Ordinal);
        foreach (var plan in setup.Plans.Where(p => p.Runtime is not null))
        {
            foreach (var item in estate.Equipment.Where(plan.Covers))
            {
                var reading = await GrainFactory.GetGrain<IRuntimeMeterGrain>($"{item.Id}/{plan.Runtime!.Metric}").Read();
                meters[item.Id] = reading.ToMeter();
            }
        }
        var bookings = Bookings(now);
        var progressBefore = new Dictionary<string, long>(S.Progress);
        var made = _planner.Plan(now, S.Progress, bookings, meters);
        int added = 0;
        foreach (var o in made)
        {
            if (S.Orders.ContainsKey(o.OrderId) || !estate.TryGetEquipment(o.EquipmentId, out var item)) continue;
            var plan = setup.Plans.First(p => p.Id == o.PlanId);
            var team = setup.Team(o.Appointment.TeamId)!;
            S.Orders[o.OrderId] = new EngineeringOrder
            {
                OrderId = o.OrderId, PlanId = o.PlanId, Title = plan.Title, Schedule = plan.ScheduleText,
                EquipmentId = item.Id, SiteId = item.SiteId, BuildingId = item.BuildingId, TeamId = team.Id,
                Occurrence = o.Occurrence, DueAt = o.DueAt, CreatedAt = now,
                VisitStart = o.Appointment.Start, VisitEnd = o.Appointment.End, Status = EngineeringOrderStatus.Scheduled,
                Steps = [new EngineeringStep(now, "hub", $"planned by {plan.Id} ({plan.ScheduleText}), due {o.Occurrence}; visit booked for team {team.Id} {o.Appointment.Start:u}")],
            };
            added++;
            LogPlanned(o.OrderId, team.Id, o.Appointment.Start);
        }
        bool progressed = progressBefore.Count != S.Progress.Count || S.Progress.Any(p => progressBefore.GetValueOrDefault(p.Key, -1) != p.Value);
        if (added > 0 || progressed) await state.WriteStateAsync();
        if (added > 0) LogPlanRun(added);
        await RunSlaAsync();
    }

    /// <summary>Records every limit passed unmet (stored, then the operators' alarm raised), then sets a timer for the next.</summary>
    private async Task RunSlaAsync()
    {
        var now = time.GetUtcNow();
        bool changed = false;
        DateTimeOffset? next = null;
        foreach (var order in S.Orders.Values.Where(o => o.IsOpen || o.PendingAlarms.Count > 0))
        {
            var facts = EngineeringOrderClocks.Facts(order.CreatedAt, order.VisitStart, order.StartedAt, order.CompletedAt);
            var known = order.Breaches.Select(b => b.Key).ToHashSet(StringComparer.Ordinal);
            foreach (var b in SlaClocks.Breaches(sla, facts, known, now))
            {
                string what = $"{(b.Clock == SlaClock.Appointment ? "appointment missed" : $"{b.Clock} limit passed".ToLowerInvariant())} (due {b.Due:u})";
                order.Breaches.Add(new SlaBreachRecord(b.Clock, b.Due, b.DetectedAt, b.Key));
                order.Steps.Add(new EngineeringStep(now, "hub", $"SLA breached: {what}"));
                order.PendingAlarms.Add(new PendingAlarm(DispatchAlarmRules.SlaBreached.Id, $"{order.OrderId}/{b.Key}", now,
                    $"engineering order {order.OrderId} ({order.Title}, team {order.TeamId}): {what}"));
                LogBreached(order.OrderId, b.Clock.ToString(), b.Due);
                changed = true;
            }
            if (SlaClocks.NextDue(sla, facts, now) is { } due && (next is null || due < next)) next = due;
        }
        if (changed) await state.WriteStateAsync();
        foreach (var order in S.Orders.Values.Where(o => o.PendingAlarms.Count > 0))
        {
            while (order.PendingAlarms.Count > 0)
            {
                var p = order.PendingAlarms[0];
                await GrainFactory.GetGrain<IAlarmGrain>(AlarmKeys.Tag(order.EquipmentId, p.RuleId)).Notify(p.Key, p.At, p.Message);
                order.PendingAlarms.RemoveAt(0);
            }
            await state.WriteStateAsync();
        }
        _slaTimer ??= this.RegisterGrainTimer(_ => RunSlaAsync(), new GrainTimerCreationOptions(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan));
        // The reminder checks every minute anyway; the timer catches a limit on time within the hour.
        var wait = next is { } n ? n - now : Timeout.InfiniteTimeSpan;
        _slaTimer.Change(wait > TimeSpan.FromHours(1) ? TimeSpan.FromHours(1) : wait, Timeout.InfiniteTimeSpan);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "MAINTENANCE order {OrderId} planned for team {TeamId} at {Start:u}")]
    private partial void LogPlanned(string orderId, string teamId, DateTimeOffset start);

    [LoggerMessage(Level = LogLevel.Information, Message = "MAINTENANCE planner made {Count} orders")]
    private partial void LogPlanRun(int count);

    [LoggerMessage(Level = LogLevel.Information, Message = "MAINTENANCE order {OrderId} moved from {From:u} to {To:u}, by {Actor}")]
    private partial void LogRescheduled(string orderId, DateTimeOffset from, DateTimeOffset to, string actor);

    [LoggerMessage(Level = LogLevel.Information, Message = "MAINTENANCE service order {OrderId} requested for team {TeamId} at {Start:u}, by {Actor}")]
    private partial void LogServiceRequested(string orderId, string teamId, DateTimeOffset start, string actor);

    [LoggerMessage(Level = LogLevel.Information, Message = "MAINTENANCE order {OrderId}: nobody home at {Was:u}, re-booked for {Start:u}, by {Actor}")]
    private partial void LogNoAccess(string orderId, DateTimeOffset was, DateTimeOffset start, string actor);

    [LoggerMessage(Level = LogLevel.Information, Message = "MAINTENANCE order {OrderId} started, by {Actor}")]
    private partial void LogStarted(string orderId, string actor);

    [LoggerMessage(Level = LogLevel.Information, Message = "MAINTENANCE order {OrderId} completed, by {Actor}")]
    private partial void LogCompleted(string orderId, string actor);

    [LoggerMessage(Level = LogLevel.Warning, Message = "MAINTENANCE order {OrderId}: SLA {Clock} limit passed (due {Due:u}); operators alarmed")]
    private partial void LogBreached(string orderId, string clock, DateTimeOffset due);
}
