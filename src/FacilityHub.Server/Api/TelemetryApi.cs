using FacilityHub.Api.V1;
using FacilityHub.Domain.Telemetry;
using FacilityHub.Domain.Topology;
using FacilityHub.Ingestion.Influx;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using ApiStats = FacilityHub.Api.V1.IngestionStats;
using PipelineStats = FacilityHub.Ingestion.Pipeline.IngestionStats;

namespace FacilityHub.Server.Api;

public sealed class TelemetryApi(Estate estate, TelemetryHistory history, PipelineStats stats, TimeProvider time) : TelemetryService.TelemetryServiceBase
{
    public override async Task<GetTelemetryHistoryResponse> GetTelemetryHistory(GetTelemetryHistoryRequest request, ServerCallContext context)
    {
        var item = Sites.Equipment(estate, request.EquipmentId);
        Requests.Required(request.Metric, "metric");
        if (!item.Kind.Metrics.TryGetValue(request.Metric, out var metric))
        {
            throw Requests.Invalid("metric", $"kind '{item.Kind.Name}' has no metric '{request.Metric}' (it has {string.Join(", ", item.Kind.Metrics.Keys)})");
        }
        var end = request.EndTime?.ToDateTimeOffset() ?? time.GetUtcNow();
        var start = request.StartTime?.ToDateTimeOffset() ?? end.AddHours(-1);
        if (start >= end) throw Requests.Invalid("start_time", "must be before end_time");
        int limit = Requests.PageSize(request.PageSize, 500, 10_000);
        int offset = Requests.Offset(request.PageToken);

        // One point more than asked tells whether there is a next page.
        var points = await history.ReadAsync(item.Id, metric.Name, start, end, limit + 1, offset, context.CancellationToken);
        var response = new GetTelemetryHistoryResponse { EquipmentId = item.Id, Metric = metric.Name, Unit = metric.Unit };
        response.Points.AddRange(points.Take(limit).Select(p => new TelemetryPoint { Time = Timestamp.FromDateTimeOffset(p.Time), Value = p.Value }));
        response.NextPageToken = points.Count > limit ? (offset + limit).ToString(System.Globalization.CultureInfo.InvariantCulture) : "";
        return response;
    }

    public override Task<ApiStats> GetIngestionStats(GetIngestionStatsRequest request, ServerCallContext context)
    {
        var response = new ApiStats { Accepted = stats.Accepted, PointsWritten = stats.PointsWritten, PointsFailed = stats.PointsFailed, PointsSpooled = stats.PointsSpooled };
        foreach (var (reason, count) in stats.Rejected) response.Rejected[ReasonName(reason)] = count;
        return Task.FromResult(response);
    }

    private static string ReasonName(RejectReason reason) => System.Text.Json.JsonNamingPolicy.SnakeCaseLower.ConvertName(reason.ToString());
}
