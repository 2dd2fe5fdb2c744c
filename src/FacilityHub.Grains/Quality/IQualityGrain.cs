using FacilityHub.Domain.Inspections;
using FacilityHub.Grains.Sites;
using Orleans.Concurrency;

namespace FacilityHub.Grains.Quality;

/// <summary>A site's inspections, nonconformances (with their corrective actions) and complaints (key: the site id),
/// durable. Overdue actions escalate on a timer, also after a restart (a reminder brings the grain back).</summary>
[Alias("fh.IQualityGrain")]
public interface IQualityGrain : IGrainWithStringKey
{
    [Alias("DueRounds")] Task<DueRoundView[]> DueRounds();

    /// <summary>Records a round; each failed item raises a nonconformance.</summary>
    [Alias("RecordInspection")] Task<InspectionRecorded> RecordInspection(InspectionDraft draft);

    [Alias("ListInspections"), AlwaysInterleave] Task<Page<InspectionEntry>> ListInspections(InspectionLevel? level, int offset, int limit);

    /// <summary>A missed compliance period as a nonconformance; the same key again changes nothing.</summary>
    [Alias("RaiseFromCompliance")] Task RaiseFromCompliance(ComplianceFindingDraft finding);

    [Alias("ListNonconformances")] Task<Page<NonconformanceEntry>> ListNonconformances(NonconformanceQuery query);

    [Alias("AssignAction")] Task<NonconformanceEntry> AssignAction(string nonconformanceId, string owner, DateTimeOffset due, string actionPlan, string actor);

    [Alias("CompleteAction")] Task<NonconformanceEntry> CompleteAction(string nonconformanceId, string note, string actor);

    [Alias("VerifyAction")] Task<NonconformanceEntry> VerifyAction(string nonconformanceId, bool accepted, string note, string actor);

    [Alias("RecordComplaint")] Task<ComplaintEntry> RecordComplaint(ComplaintDraft draft);

    [Alias("AnswerComplaint")] Task<ComplaintEntry> AnswerComplaint(string complaintId, string answer, string actor);

    [Alias("ListComplaints"), AlwaysInterleave] Task<Page<ComplaintEntry>> ListComplaints(bool unansweredOnly, int offset, int limit);

    /// <summary>For the monthly report: the site's rounds planned and done per level, every nonconformance raised and
    /// every complaint received in the calendar month (local time of the inspections file).</summary>
    [Alias("GetMonthlyQualityRecords")] Task<MonthlyQualityRecords> GetMonthlyQualityRecords(int year, int month);
}
