using FacilityHub.Api.V1;
using FacilityHub.Domain.Reports;
using FacilityHub.Domain.Topology;
using FacilityHub.Server.Reports;
using Grpc.Core;

namespace FacilityHub.Server.Api;

/// <summary>The quality department's monthly report of a site: figures and the self-contained HTML page.</summary>
public sealed class ReportApi(Estate estate, MonthlyReportCollector collector, TimeProvider time) : ReportService.ReportServiceBase
{
    public override async Task<FacilityHub.Api.V1.MonthlyReport> GetMonthlyReport(GetMonthlyReportRequest request, ServerCallContext context)
    {
        Requests.Required(request.SiteId, "site_id");
        var site = Sites.Resolve(estate, request.SiteId).Single();
        Requests.Required(request.Month, "month");
        if (!ReportMonth.TryParse(request.Month, out var month)) throw Requests.Invalid("month", $"'{request.Month}' is not a month written yyyy-MM, e.g. 2026-11");
        var now = time.GetUtcNow();
        if (month.Start > now) throw Requests.Invalid("month", $"{month} has not begun");

        var report = MonthlyReportCalculator.Compute(await collector.CollectAsync(site, month, now));
        return ReportMapping.ToProto(report, MonthlyReportPage.Render(report));
    }
}
