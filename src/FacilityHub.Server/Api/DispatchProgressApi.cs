using FacilityHub.Dispatch.V1;
using FacilityHub.Domain.Topology;
using FacilityHub.Grains.WorkOrders;
using Grpc.Core;
using DomainProgress = FacilityHub.Domain.WorkOrders.DispatchProgress;

namespace FacilityHub.Server.Api;

/// <summary>The dispatch system reports what happened to the hub's orders. Each kind must carry what the
/// contract says it carries (INVALID_ARGUMENT naming the field otherwise); its details go into the step's note.</summary>
public sealed class DispatchProgressApi(Estate estate, IGrainFactory grains, TimeProvider time) : DispatchProgressService.DispatchProgressServiceBase
{
    public override async Task<ReportProgressResponse> ReportProgress(ReportProgressRequest request, ServerCallContext context)
    {
        Requests.Required(request.ReportId, "report_id");
        var kind = request.Kind switch
        {
            ProgressKind.Accepted => DomainProgress.Accepted,
            ProgressKind.Rejected => DomainProgress.Rejected,
            ProgressKind.TeamAssigned => DomainProgress.TeamAssigned,
            ProgressKind.EnRoute => DomainProgress.EnRoute,
            ProgressKind.OnSite => DomainProgress.OnSite,
            ProgressKind.Resolved => DomainProgress.Resolved,
            ProgressKind.NobodyHome => DomainProgress.NobodyHome,
            ProgressKind.Rescheduled => DomainProgress.Rescheduled,
            ProgressKind.Cancelled => DomainProgress.Cancelled,
            _ => throw Requests.Invalid("kind", "must be a known progress kind, not UNSPECIFIED"),
        };
        string details = Details(request);
        await WorkOrderApi.Find(estate, grains, request.IdempotencyKey, "idempotency_key");
        var at = request.OccurredAt?.ToDateTimeOffset() ?? time.GetUtcNow();
        // The step's actor is the dispatch system's authenticated identity; the team it names is its say-so, kept in the note.
        string note = request.Actor.Length == 0 ? details : $"{details} (reported by {request.Actor})".TrimStart();
        var report = new ProgressReport(request.ReportId, kind, at, Caller.Of(context).Name, note, request.Appointment?.ToDateTimeOffset(),
            request.DispatchOrderId.Length == 0 ? null : request.DispatchOrderId);
        bool recorded = await grains.GetGrain<IWorkOrderGrain>(request.IdempotencyKey).RecordProgress(report);
        return new ReportProgressResponse { Recorded = recorded };
    }

    /// <summary>The step's details in words, from the fields its kind must or may carry.</summary>
    private static string Details(ReportProgressRequest r)
    {
        var parts = new List<string>();
        switch (r.Kind)
        {
            case ProgressKind.Rejected or ProgressKind.Cancelled:
                parts.Add(Requests.Required(r.Reason, "reason"));
                break;
            case ProgressKind.TeamAssigned:
                parts.Add($"team {Requests.Required(r.Team, "team")}");
                break;
            case ProgressKind.EnRoute when r.ExpectedArrival is not null:
                parts.Add($"expected at {r.ExpectedArrival.ToDateTimeOffset():u}");
                break;
            case ProgressKind.Resolved:
                parts.Add(Requests.Required(r.WorkDone, "work_done"));
                break;
            case ProgressKind.NobodyHome:
                parts.Add($"note left: {Requests.Required(r.Note, "note")}");
                break;
            case ProgressKind.Rescheduled:
                if (r.Appointment is null) throw Requests.Invalid("appointment", "is required for RESCHEDULED");
                if (r.Reason.Length > 0) parts.Add(r.Reason);
                break;
        }
        if (r.Appointment is not null) parts.Add($"appointment {r.Appointment.ToDateTimeOffset():u}");
        if (r.Kind != ProgressKind.NobodyHome && r.Note.Length > 0) parts.Add(r.Note);
        return string.Join("; ", parts);
    }
}
