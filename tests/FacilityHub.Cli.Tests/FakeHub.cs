using System.Collections.Concurrent;
using System.Net;
using FacilityHub.Api.V1;
using Grpc.Core;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace FacilityHub.Cli.Tests;

/// <summary>
/// A hub on a loopback port serving canned answers from <see cref="Samples"/>: enough to see fhub's
/// calls, paging and error lines over real gRPC. The real hub's behaviour is for the end-to-end tests.
/// </summary>
public sealed class FakeHub : IAsyncLifetime
{
    public const int TelemetryPoints = 25;
    public const int TelemetryPageCap = 10;

    private WebApplication? _app;

    public string Url { get; private set; } = "";

    public ConcurrentQueue<GetTelemetryHistoryRequest> HistoryRequests { get; } = new();

    public ConcurrentQueue<GetAlarmKpisRequest> KpiRequests { get; } = new();

    public ConcurrentQueue<GetMonthlyReportRequest> ReportRequests { get; } = new();

    /// <summary>The authorization header of each ingestion-stats call ("" without one).</summary>
    public ConcurrentQueue<string> StatsAuthorizations { get; } = new();

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0, o => o.Protocols = HttpProtocols.Http2));
        builder.Services.AddGrpc();
        builder.Services.AddSingleton(this);
        _app = builder.Build();
        _app.MapGrpcService<Assets>();
        _app.MapGrpcService<Alarms>();
        _app.MapGrpcService<Telemetry>();
        _app.MapGrpcService<WorkOrders>();
        _app.MapGrpcService<Reports>();
        await _app.StartAsync();
        // After start, Urls holds the port Kestrel bound for port 0.
        Url = _app.Urls.Single();
    }

    public async Task DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
    }

    private sealed class Assets : AssetService.AssetServiceBase
    {
        public override Task<GetAssetTreeResponse> GetAssetTree(GetAssetTreeRequest request, ServerCallContext context) =>
            Task.FromResult(request.SiteId is "" or "riverside" ? Samples.Tree() : new GetAssetTreeResponse());

        public override Task<Equipment> GetEquipment(GetEquipmentRequest request, ServerCallContext context) =>
            request.EquipmentId == "pump-1"
                ? Task.FromResult(Samples.Pump())
                : throw new RpcException(new Status(StatusCode.NotFound, $"equipment '{request.EquipmentId}' is not in the topology"));
    }

    private sealed class Alarms(FakeHub hub) : AlarmService.AlarmServiceBase
    {
        public override Task<AlarmKpis> GetAlarmKpis(GetAlarmKpisRequest request, ServerCallContext context)
        {
            hub.KpiRequests.Enqueue(request);
            return request.SiteId == "riverside"
                ? Task.FromResult(Samples.Kpis())
                : throw new RpcException(new Status(StatusCode.NotFound, $"site '{request.SiteId}' is not in the topology"));
        }

        public override Task<ListAlarmsResponse> ListAlarms(ListAlarmsRequest request, ServerCallContext context)
        {
            var all = new[] { Samples.BurstPipe(), Samples.HotMotor() };
            var matching = all.Where(a =>
                (request.EquipmentId == "" || a.EquipmentId == request.EquipmentId)
                && (request.State == AlarmState.Unspecified || a.State == request.State)
                && (!request.ConditionActiveOnly || a.ConditionActive)
                && (request.Priority == AlarmPriority.Unspecified || a.Priority == request.Priority));
            return Task.FromResult(new ListAlarmsResponse { Alarms = { matching } });
        }
    }

    private sealed class Telemetry(FakeHub hub) : TelemetryService.TelemetryServiceBase
    {
        public override Task<GetTelemetryHistoryResponse> GetTelemetryHistory(GetTelemetryHistoryRequest request, ServerCallContext context)
        {
            hub.HistoryRequests.Enqueue(request);
            var from = request.PageToken == "" ? 0 : int.Parse(request.PageToken);
            var take = Math.Min(Math.Min(request.PageSize, TelemetryPageCap), TelemetryPoints - from);
            var response = new GetTelemetryHistoryResponse
            {
                EquipmentId = request.EquipmentId,
                Metric = request.Metric,
                Unit = "bar",
                NextPageToken = from + take < TelemetryPoints ? (from + take).ToString() : "",
            };
            for (var i = from; i < from + take; i++)
            {
                // Point i at 09:i:00, valued i.
                response.Points.Add(new TelemetryPoint { Time = Samples.At(9, i, 0), Value = i });
            }

            return Task.FromResult(response);
        }

        public override Task<IngestionStats> GetIngestionStats(GetIngestionStatsRequest request, ServerCallContext context)
        {
            hub.StatsAuthorizations.Enqueue(context.RequestHeaders.GetValue("authorization") ?? "");
            return Task.FromResult(new IngestionStats { Accepted = 7, PointsWritten = 21, Rejected = { ["bad_topic"] = 1 } });
        }
    }

    private sealed class WorkOrders : WorkOrderService.WorkOrderServiceBase
    {
        public override Task<WorkOrder> GetWorkOrder(GetWorkOrderRequest request, ServerCallContext context) =>
            request.WorkOrderId == "wo-7"
                ? Task.FromResult(Samples.Order())
                : throw new RpcException(new Status(StatusCode.NotFound, $"work order '{request.WorkOrderId}' not found"));
    }

    private sealed class Reports(FakeHub hub) : ReportService.ReportServiceBase
    {
        public override Task<MonthlyReport> GetMonthlyReport(GetMonthlyReportRequest request, ServerCallContext context)
        {
            hub.ReportRequests.Enqueue(request);
            if (request.SiteId != "riverside") throw new RpcException(new Status(StatusCode.NotFound, $"site '{request.SiteId}' is not in the topology"));
            return request.Month == "2026-11"
                ? Task.FromResult(ReportSamples.WithTargets())
                : throw new RpcException(new Status(StatusCode.InvalidArgument, $"month: '{request.Month}' is not a month written yyyy-MM, e.g. 2026-11"));
        }
    }
}
