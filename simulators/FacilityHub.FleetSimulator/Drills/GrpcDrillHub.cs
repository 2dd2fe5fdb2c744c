using FacilityHub.Api.V1;
using Grpc.Core;

namespace FacilityHub.FleetSimulator.Drills;

/// <summary>The hub's AlarmService, WorkOrderService and TelemetryService (ingestion stats) over gRPC; <paramref name="calls"/> carries an operator token.</summary>
public sealed class GrpcDrillHub(CallInvoker calls) : IDrillHub
{
    private const int PageSize = 1000;
    private readonly AlarmService.AlarmServiceClient _alarms = new(calls);
    private readonly WorkOrderService.WorkOrderServiceClient _workOrders = new(calls);
    private readonly TelemetryService.TelemetryServiceClient _telemetry = new(calls);

    public async Task<DrillIngestionStats?> GetIngestionStatsAsync(CancellationToken cancellationToken)
    {
        try
        {
            var stats = await _telemetry.GetIngestionStatsAsync(new GetIngestionStatsRequest(), cancellationToken: cancellationToken);
            return new DrillIngestionStats(stats.Accepted, stats.Rejected.ToDictionary(r => r.Key, r => r.Value, StringComparer.Ordinal));
        }
        catch (RpcException ex) when (ex.StatusCode == StatusCode.PermissionDenied)
        {
            // A ready-made FHUB_TOKEN of a role without access to the stats: the rest of the card can still be scored.
            return null;
        }
    }

    public async Task<IReadOnlyList<DrillAlarm>> ListAlarmsAsync(IReadOnlyCollection<string> siteIds, DateTimeOffset since, IReadOnlySet<string> devices, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(siteIds);
        ArgumentNullException.ThrowIfNull(devices);
        var result = new List<DrillAlarm>();
        var older = new List<Alarm>();
        foreach (var site in siteIds)
        {
            var token = "";
            do
            {
                var page = await _alarms.ListAlarmsAsync(new ListAlarmsRequest { SiteId = site, PageSize = PageSize, PageToken = token }, cancellationToken: cancellationToken);
                result.AddRange(page.Alarms.Where(a => a.RaisedAt is not null)
                    .Select(a => new DrillAlarm(a.AlarmId, a.EquipmentId, a.RuleId, a.RaisedAt.ToDateTimeOffset())));
                older.AddRange(page.Alarms.Where(a => devices.Contains(a.EquipmentId) && MayHaveReturnedSince(a, since)));
                token = page.NextPageToken;
            }
            while (token.Length > 0);
        }

        // Only these can have come back since: the list carries no history, so each is read whole (the drill's devices
        // only: a site's other long-standing alarms would be read twice a second for nothing).
        foreach (var alarm in older)
        {
            var whole = await _alarms.GetAlarmAsync(new GetAlarmRequest { AlarmId = alarm.AlarmId }, cancellationToken: cancellationToken);
            result.AddRange(whole.History
                .Where(t => t.From == AlarmState.ReturnedUnacknowledged && t.To == AlarmState.ActiveUnacknowledged && t.At is not null && t.At.ToDateTimeOffset() >= since)
                .Select(t => new DrillAlarm(alarm.AlarmId, alarm.EquipmentId, alarm.RuleId, t.At.ToDateTimeOffset(), Returned: true)));
        }

        return result;
    }

    // An occurrence raised earlier that nobody acknowledged: active now (held all along, or back since), or cleared since.
    private static bool MayHaveReturnedSince(Alarm a, DateTimeOffset since) =>
        a.RaisedAt is not null && a.RaisedAt.ToDateTimeOffset() < since
        && (a.State == AlarmState.ActiveUnacknowledged
            || (a.State == AlarmState.ReturnedUnacknowledged && a.ClearedAt is not null && a.ClearedAt.ToDateTimeOffset() >= since));

    public async Task<IReadOnlyList<DrillWorkOrder>> ListWorkOrdersAsync(IReadOnlyCollection<string> siteIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(siteIds);
        var result = new List<DrillWorkOrder>();
        foreach (var site in siteIds)
        {
            var token = "";
            do
            {
                var page = await _workOrders.ListWorkOrdersAsync(new ListWorkOrdersRequest { SiteId = site, PageSize = PageSize, PageToken = token }, cancellationToken: cancellationToken);
                result.AddRange(page.WorkOrders.Where(w => w.CreatedAt is not null).Select(w => new DrillWorkOrder(
                    w.WorkOrderId, w.AlarmId, w.EquipmentId, w.CreatedAt.ToDateTimeOffset(),
                    w.Steps.FirstOrDefault(s => s.Status == WorkOrderStatus.Sent)?.At?.ToDateTimeOffset())));
                token = page.NextPageToken;
            }
            while (token.Length > 0);
        }

        return result;
    }
}
