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

    public async Task<IReadOnlyList<DrillAlarm>> ListAlarmsAsync(IReadOnlyCollection<string> siteIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(siteIds);
        var result = new List<DrillAlarm>();
        foreach (var site in siteIds)
        {
            var token = "";
            do
            {
                var page = await _alarms.ListAlarmsAsync(new ListAlarmsRequest { SiteId = site, PageSize = PageSize, PageToken = token }, cancellationToken: cancellationToken);
                result.AddRange(page.Alarms.Where(a => a.RaisedAt is not null)
                    .Select(a => new DrillAlarm(a.AlarmId, a.EquipmentId, a.RuleId, a.RaisedAt.ToDateTimeOffset())));
                token = page.NextPageToken;
            }
            while (token.Length > 0);
        }

        return result;
    }

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
