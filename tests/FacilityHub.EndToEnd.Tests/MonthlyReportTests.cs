using System.Globalization;
using FacilityHub.Api.V1;
using FacilityHub.Auth;
using FacilityHub.Cli;
using FacilityHub.Dispatch.V1;
using FacilityHub.Testing;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using ApiStatus = FacilityHub.Api.V1.WorkOrderStatus;

namespace FacilityHub.EndToEnd.Tests;

/// <summary>The monthly report on the real hub: faults driven through work orders at the dispatch simulator show up in
/// the month's figures and charts, over gRPC and through fhub.</summary>
[Collection(HubCollection.Name)]
public sealed class MonthlyReportTests(HubFixture hub)
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    private ReportService.ReportServiceClient Quality => new(hub.As(HubRoles.Quality, "quinn"));

    private static string ThisMonth => DateTimeOffset.UtcNow.ToString("yyyy-MM", CultureInfo.InvariantCulture);

    private Task<FacilityHub.Api.V1.MonthlyReport> ReportAsync() =>
        Quality.GetMonthlyReportAsync(new GetMonthlyReportRequest { SiteId = "riverside", Month = ThisMonth }).ResponseAsync;

    private Task Trip(string equipmentId) => hub.PublishAsync(TestTopology.Topic(equipmentId, "event"), """{"event":"zone_tripped","zone":"smoke"}""");

    private async Task<FacilityHub.Api.V1.WorkOrder> UntilAsync(string id, ApiStatus status) =>
        await Eventually.UntilAsync(async () => await hub.WorkOrders.GetWorkOrderAsync(new GetWorkOrderRequest { WorkOrderId = id }) is { } w && w.Status == status ? w : null,
            Wait, $"{id} is {status}");

    private Task ProgressAsync(FacilityHub.Api.V1.WorkOrder order, ProgressKind kind, string reportId)
    {
        var report = new ReportProgressRequest
        {
            ReportId = reportId, IdempotencyKey = order.WorkOrderId, DispatchOrderId = order.DispatchOrderId, Kind = kind,
            OccurredAt = Timestamp.FromDateTimeOffset(DateTimeOffset.UtcNow), Actor = "team-5",
        };
        if (kind == ProgressKind.Resolved) report.WorkDone = "replaced the smoke detector";
        return new DispatchProgressService.DispatchProgressServiceClient(hub.As(HubRoles.Dispatch, "dispatch-simulator")).ReportProgressAsync(report).ResponseAsync;
    }

    private static double Minutes(FacilityHub.Api.V1.WorkOrder order, ApiStatus step) =>
        (order.Steps.First(s => s.Status == step).At.ToDateTimeOffset() - order.CreatedAt.ToDateTimeOffset()).TotalMinutes;

    [Fact]
    public async Task Faults_driven_to_work_orders_are_counted_in_the_months_report_and_drawn_in_its_charts()
    {
        var before = await ReportAsync();

        // Smoke at two homes: two emergency orders, accepted by the dispatch simulator. The first alarm is acknowledged,
        // its crew gets on site and fixes it.
        await Trip("t-report-a");
        await Trip("t-report-b");
        var a = await UntilAsync("t-report-a/zone_tripped/1", ApiStatus.Accepted);
        await UntilAsync("t-report-b/zone_tripped/1", ApiStatus.Accepted);
        await hub.Alarms.AcknowledgeAlarmsAsync(new AcknowledgeAlarmsRequest { AlarmIds = { a.AlarmId } });
        await ProgressAsync(a, ProgressKind.OnSite, "report-a-1");
        await ProgressAsync(a, ProgressKind.Resolved, "report-a-2");
        a = await UntilAsync(a.WorkOrderId, ApiStatus.Resolved);
        var b = await hub.WorkOrders.GetWorkOrderAsync(new GetWorkOrderRequest { WorkOrderId = "t-report-b/zone_tripped/1" });

        var report = await ReportAsync();

        Assert.Equal(("riverside", ThisMonth, false), (report.SiteId, report.Month, report.Complete));
        Assert.Equal(before.WorkOrdersRaised + 2, report.WorkOrdersRaised);
        var emergency = report.Sla.Single(s => s.Urgency == WorkOrderPriority.Emergency);
        Assert.Equal(before.Sla.SingleOrDefault(s => s.Urgency == WorkOrderPriority.Emergency)?.Orders + 2 ?? 2, emergency.Orders);
        // Response: raised → accepted, in minutes, as the orders' own steps say.
        var response = report.ResponseTimes.Points.ToDictionary(p => p.WorkOrderId);
        Assert.Equal(Minutes(a, ApiStatus.Accepted), response[a.WorkOrderId].Minutes, 6);
        Assert.Equal(Minutes(b, ApiStatus.Accepted), response[b.WorkOrderId].Minutes, 6);
        var onSite = Assert.Single(report.OnSiteTimes.Points, p => p.WorkOrderId.StartsWith("t-report-", StringComparison.Ordinal));
        Assert.Equal((a.WorkOrderId, Minutes(a, ApiStatus.OnSite)), (onSite.WorkOrderId, onSite.Minutes));
        Assert.True(report.ResponseTimes.HasMean && report.ResponseTimes.HasUcl, "the response chart has its mean and limits");
        Assert.Equal(report.ResponseTimes.Points.Average(p => p.Minutes), report.ResponseTimes.Mean, 6);
        // One more repaired order and one more acknowledged alarm; b's alarm still waits.
        Assert.Equal(before.Mttr.Count + 1, report.Mttr.Count);
        Assert.Equal(before.Mtta.Count + 1, report.Mtta.Count);
        Assert.True(report.Mtta.Pending >= 1);

        Assert.StartsWith("<!DOCTYPE html>", report.Html);
        Assert.Contains("<svg", report.Html);
        Assert.Contains("class=\"ucl\"", report.Html);
        Assert.Contains($"<title>{a.WorkOrderId} at ", report.Html);
        Assert.Contains($"<title>{b.WorkOrderId} at ", report.Html);
        Assert.DoesNotContain("<script", report.Html, StringComparison.OrdinalIgnoreCase);

        // The same through fhub: the page written to a file, the figures printed.
        string file = Path.Combine(Path.GetTempPath(), $"fhub-e2e-report-{Guid.NewGuid():N}.html");
        try
        {
            var stdout = new StringWriter();
            var stderr = new StringWriter();
            int code = await FhubCli.RunAsync(["report", "monthly", "--site", "riverside", "--month", ThisMonth, "--out", file], stdout, stderr, hub.FhubAs(HubRoles.Quality, "quinn"));
            Assert.True(code == 0, stderr.ToString());
            Assert.Contains("Response time", stdout.ToString());
            Assert.Contains($"Report written to {file}", stdout.ToString());
            string page = await File.ReadAllTextAsync(file);
            // For a look in a browser: FH_REPORT_SAMPLE=/tmp/e2e.html dotnet test --filter MonthlyReportTests
            if (Environment.GetEnvironmentVariable("FH_REPORT_SAMPLE") is { Length: > 0 } keep) File.Copy(file, keep, overwrite: true);
            Assert.Contains($"<title>{a.WorkOrderId} at ", page);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task An_inspection_failure_and_an_answered_complaint_are_counted_in_the_reports_inspections_pareto_and_complaints()
    {
        var before = await ReportAsync();
        var quality = new QualityService.QualityServiceClient(hub.As(HubRoles.Quality, "quinn"));
        var customerService = new QualityService.QualityServiceClient(hub.As(HubRoles.CustomerService, "carol"));

        // A daily kitchen round with the temperatures failed (a "kitchen hygiene" nonconformance), and a complaint
        // answered at once.
        var round = await quality.RecordInspectionAsync(QualityTests.KitchenRound("final rinse at 71 C"));
        var complaint = await customerService.RecordComplaintAsync(new RecordComplaintRequest { SiteId = "riverside", Category = "noise", Subject = "pump hum at night" });
        await customerService.AnswerComplaintAsync(new AnswerComplaintRequest { ComplaintId = complaint.ComplaintId, Answer = "anti-vibration mounts fitted" });

        var report = await ReportAsync();

        int Done(FacilityHub.Api.V1.MonthlyReport r) => r.Inspections.SingleOrDefault(i => i.Level == "daily")?.Done ?? 0;
        int Hygiene(FacilityHub.Api.V1.MonthlyReport r) => r.Pareto.SingleOrDefault(p => p.Category == "kitchen hygiene")?.Count ?? 0;
        Assert.Equal(Done(before) + 1, Done(report));
        Assert.True(report.Inspections.Single(i => i.Level == "daily").Planned > 0, "the posts' daily rounds are planned");
        Assert.Equal(Hygiene(before) + round.Nonconformances.Count, Hygiene(report));
        Assert.Equal(100, report.Pareto[^1].CumulativePercent, 6);
        Assert.Equal((before.ComplaintsAnsweredIn24H.Count + 1, before.ComplaintsAnsweredIn24H.Total + 1),
            (report.ComplaintsAnsweredIn24H.Count, report.ComplaintsAnsweredIn24H.Total));
        Assert.DoesNotContain("No inspection data recorded for this month.", report.Html);
        Assert.Contains("kitchen hygiene", report.Html);
    }

    [Theory]
    [InlineData("riverside", "2026-13", StatusCode.InvalidArgument, "month: ")]
    [InlineData("riverside", "11/2026", StatusCode.InvalidArgument, "month: ")]
    [InlineData("riverside", "", StatusCode.InvalidArgument, "month: is required")]
    [InlineData("riverside", "2999-01", StatusCode.InvalidArgument, "month: 2999-01 has not begun")]
    [InlineData("", "2026-11", StatusCode.InvalidArgument, "site_id: is required")]
    [InlineData("Riverside!", "2026-11", StatusCode.InvalidArgument, "site_id: ")]
    [InlineData("nowhere", "2026-11", StatusCode.NotFound, "site 'nowhere'")]
    public async Task A_bad_month_or_site_is_refused_naming_the_field(string site, string month, StatusCode code, string detail)
    {
        var e = await Assert.ThrowsAsync<RpcException>(() => Quality.GetMonthlyReportAsync(new GetMonthlyReportRequest { SiteId = site, Month = month }).ResponseAsync);

        Assert.Equal(code, e.StatusCode);
        Assert.StartsWith(detail, e.Status.Detail);
    }

    [Fact]
    public async Task A_past_month_without_orders_is_complete_and_says_it_had_none()
    {
        var report = await Quality.GetMonthlyReportAsync(new GetMonthlyReportRequest { SiteId = "riverside", Month = "2020-01" });

        Assert.True(report.Complete);
        Assert.Equal(0, report.WorkOrdersRaised);
        Assert.Empty(report.ResponseTimes.Points);
        Assert.Contains("No work order was raised this month.", report.Html);
    }
}
