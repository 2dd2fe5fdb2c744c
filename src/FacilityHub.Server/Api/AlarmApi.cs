using FacilityHub.Api.V1;
using FacilityHub.Domain.Topology;
using FacilityHub.Domain.WorkOrders;
using FacilityHub.Grains.Alarms;
using FacilityHub.Grains.Sites;
using Grpc.Core;

namespace FacilityHub.Server.Api;

/// <summary>Alarms and the operators' actions on them. The actor on the record of an action is the caller's
/// authenticated name; the requests' <c>operator</c> field is ignored.</summary>
public sealed class AlarmApi(Estate estate, IGrainFactory grains, TimeProvider time) : AlarmService.AlarmServiceBase
{
    /// <summary>Longest shelf an operator may put an alarm on.</summary>
    public static readonly TimeSpan MaxShelf = TimeSpan.FromDays(7);

    public static readonly TimeSpan DefaultKpiWindow = TimeSpan.FromHours(24);

    /// <summary>The KPIs reach as far back as the sites' activation logs.</summary>
    public static readonly TimeSpan MaxKpiWindow = SiteGrain.ActivationsKeptFor;

    /// <summary>How long one long poll of the site's changes waits before the stream checks on its caller.</summary>
    private static readonly TimeSpan WatchPoll = TimeSpan.FromSeconds(10);

    public override async Task<ListAlarmsResponse> ListAlarms(ListAlarmsRequest request, ServerCallContext context)
    {
        var sites = Sites.Resolve(estate, request.SiteId);
        string? building = request.BuildingId.Length == 0 ? null : request.BuildingId;
        if (building is not null && !estate.TryGetBuilding(building, out _)) throw Requests.NotFound($"building '{building}' is not in the topology");
        string? equipment = request.EquipmentId.Length == 0 ? null : Sites.Equipment(estate, request.EquipmentId).Id;
        var state = ApiMapping.FromProto(request.State, "state");
        var priority = ApiMapping.FromProto(request.Priority, "priority");
        int limit = Requests.PageSize(request.PageSize, 100, 1000);
        int offset = Requests.Offset(request.PageToken);

        var (items, total) = await Sites.MergePagesAsync(
            sites,
            (site, take) => grains.GetGrain<ISiteGrain>(site).ListAlarms(
                new AlarmQuery(building, equipment, priority, state, request.ConditionActiveOnly, 0, take)),
            a => a.RaisedAt, offset, limit);
        var response = new ListAlarmsResponse { NextPageToken = Requests.NextToken(offset, items.Count, total) };
        response.Alarms.AddRange(items.Select(a => a.ToProto()));
        return response;
    }

    public override async Task<Alarm> GetAlarm(GetAlarmRequest request, ServerCallContext context)
    {
        var (item, tag) = Locate(request.AlarmId);
        var alarm = await grains.GetGrain<ISiteGrain>(item.SiteId).FindAlarm(request.AlarmId)
            ?? throw Requests.NotFound($"alarm '{request.AlarmId}' does not exist");
        var proto = alarm.ToProto();
        // The history is the alarm's (all occurrences of the rule on the item), cut to this occurrence's span.
        var history = await grains.GetGrain<IAlarmGrain>(tag).GetHistory();
        proto.History.AddRange(history.Where(h => h.At >= alarm.RaisedAt).Select(h => h.ToProto()));
        return proto;
    }

    public override async Task<AcknowledgeAlarmsResponse> AcknowledgeAlarms(AcknowledgeAlarmsRequest request, ServerCallContext context)
    {
        if (request.AlarmIds.Count == 0) throw Requests.Invalid("alarm_ids", "name at least one alarm");
        if (request.AlarmIds.Count > 1000) throw Requests.Invalid("alarm_ids", "at most 1000 alarms per call");
        string operatorName = Caller.Of(context).Name;
        var tags = request.AlarmIds.Distinct(StringComparer.Ordinal).Select(id => (Id: id, Locate(id, "alarm_ids").Tag)).ToList();

        var results = await Task.WhenAll(tags.Select(async t =>
        {
            try
            {
                return (t.Id, Alarm: await grains.GetGrain<IAlarmGrain>(t.Tag).Acknowledge(new AlarmAction(t.Id, operatorName, request.Note)), Refusal: (string?)null);
            }
            catch (Domain.Alarms.AlarmActionRefusedException e)
            {
                return (t.Id, Alarm: (AlarmView?)null, Refusal: e.Message);
            }
        }));
        var refused = results.Where(r => r.Refusal is not null).ToList();
        if (refused.Count > 0)
        {
            string done = refused.Count < results.Length ? $"{results.Length - refused.Count} acknowledged; " : "";
            throw new RpcException(new Status(StatusCode.FailedPrecondition,
                done + string.Join("; ", refused.Select(r => $"{r.Id}: {r.Refusal}"))));
        }
        var response = new AcknowledgeAlarmsResponse();
        response.Alarms.AddRange(results.Select(r => r.Alarm!.ToProto()));
        return response;
    }

    public override async Task<Alarm> ShelveAlarm(ShelveAlarmRequest request, ServerCallContext context)
    {
        var (_, tag) = Locate(request.AlarmId);
        string operatorName = Caller.Of(context).Name;
        if (request.Duration is null) throw Requests.Invalid("duration", "is required");
        var duration = request.Duration.ToTimeSpan();
        if (duration <= TimeSpan.Zero) throw Requests.Invalid("duration", "must be positive");
        if (duration > MaxShelf) throw Requests.Invalid("duration", $"must be at most {MaxShelf.TotalDays:0} days");
        Requests.Required(request.Reason, "reason");
        var alarm = await grains.GetGrain<IAlarmGrain>(tag).Shelve(new AlarmAction(request.AlarmId, operatorName, request.Reason), duration);
        return alarm.ToProto();
    }

    public override async Task<Alarm> UnshelveAlarm(UnshelveAlarmRequest request, ServerCallContext context)
    {
        var (_, tag) = Locate(request.AlarmId);
        var alarm = await grains.GetGrain<IAlarmGrain>(tag).Unshelve(new AlarmAction(request.AlarmId, Caller.Of(context).Name, request.Note));
        return alarm.ToProto();
    }

    public override async Task<Alarm> CommentAlarm(CommentAlarmRequest request, ServerCallContext context)
    {
        var (_, tag) = Locate(request.AlarmId);
        string operatorName = Caller.Of(context).Name;
        Requests.Required(request.Text, "text");
        if (request.Text.Length > 2000) throw Requests.Invalid("text", "must be at most 2000 characters");
        var alarm = await grains.GetGrain<IAlarmGrain>(tag).Comment(new AlarmAction(request.AlarmId, operatorName, request.Text));
        return alarm.ToProto();
    }

    public override async Task<Alarm> RemoveAlarmFromService(RemoveAlarmFromServiceRequest request, ServerCallContext context)
    {
        var (_, tag) = Locate(request.AlarmId);
        string operatorName = Caller.Of(context).Name;
        Requests.Required(request.Reason, "reason");
        var alarm = await grains.GetGrain<IAlarmGrain>(tag).RemoveFromService(new AlarmAction(request.AlarmId, operatorName, request.Reason));
        return alarm.ToProto();
    }

    public override async Task<Alarm> ReturnAlarmToService(ReturnAlarmToServiceRequest request, ServerCallContext context)
    {
        var (_, tag) = Locate(request.AlarmId);
        var alarm = await grains.GetGrain<IAlarmGrain>(tag).ReturnToService(new AlarmAction(request.AlarmId, Caller.Of(context).Name, request.Note));
        return alarm.ToProto();
    }

    public override async Task WatchAlarms(WatchAlarmsRequest request, IServerStreamWriter<AlarmUpdate> responseStream, ServerCallContext context)
    {
        Requests.Required(request.SiteId, "site_id");
        var site = Sites.Resolve(estate, request.SiteId).Single();
        var siteGrain = grains.GetGrain<ISiteGrain>(site.Id);
        long after = checked((long)request.AfterSequence);
        var cancel = context.CancellationToken;
        while (!cancel.IsCancellationRequested)
        {
            var changes = await siteGrain.WaitForAlarmChanges(after, WatchPoll);
            if (changes.Reset)
            {
                foreach (var change in changes.Changes)
                {
                    await responseStream.WriteAsync(new AlarmUpdate { Sequence = (ulong)changes.Sequence, Alarm = change.Alarm.ToProto(), Snapshot = true }, cancel);
                }
                await responseStream.WriteAsync(new AlarmUpdate { Sequence = (ulong)changes.Sequence, SnapshotEnd = true }, cancel);
            }
            else
            {
                foreach (var change in changes.Changes)
                {
                    await responseStream.WriteAsync(new AlarmUpdate { Sequence = (ulong)change.Sequence, Alarm = change.Alarm.ToProto() }, cancel);
                }
            }
            after = changes.Sequence;
        }
    }

    public override async Task<AlarmKpis> GetAlarmKpis(GetAlarmKpisRequest request, ServerCallContext context)
    {
        Requests.Required(request.SiteId, "site_id");
        var site = Sites.Resolve(estate, request.SiteId).Single();
        var window = request.Window?.ToTimeSpan() ?? DefaultKpiWindow;
        if (window <= TimeSpan.Zero) throw Requests.Invalid("window", "must be positive");
        if (window > MaxKpiWindow) throw Requests.Invalid("window", $"must be at most {MaxKpiWindow.TotalDays:0} days");
        var now = time.GetUtcNow();
        var kpis = await grains.GetGrain<ISiteGrain>(site.Id).GetAlarmKpis(now - window, now);
        return kpis.ToProto(site.Id);
    }

    /// <summary>The equipment item and alarm grain key of an alarm id "equipment/rule/occurrence".</summary>
    private (EquipmentItem Item, string Tag) Locate(string alarmId, string field = "alarm_id")
    {
        Requests.Required(alarmId, field);
        if (!AlarmKeys.TryParse(alarmId, out string tag, out _)) throw Requests.Invalid(field, $"'{alarmId}' does not look like <equipment_id>/<rule_id>/<occurrence>");
        var item = Sites.Equipment(estate, tag[..tag.IndexOf('/')], field);
        if (DispatchAlarmRules.Find(item, tag[(tag.IndexOf('/') + 1)..]) is null) throw Requests.NotFound($"alarm '{alarmId}' does not exist");
        return (item, tag);
    }
}
