using FacilityHub.Dispatch.V1;
using FacilityHub.Domain.Topology;
using FacilityHub.Grains.WorkOrders;
using Grpc.Core;
using DomainProgress = FacilityHub.Domain.WorkOrders.DispatchProgress;

namespace FacilityHub.Server.Api;

/// <summary>The dispatch system reports what happened to the hub's orders.</summary>
public sealed class DispatchProgressApi(Estate estate, IGrainFactory grains, TimeProvider time) : DispatchProgressService.DispatchProgressServiceBase
{
    public override async Task<ReportProgressResponse> ReportProgress(ReportProgressRequest request, ServerCallContext context)
    {
        Requests.Required(request.ReportId, "report_id");
        await WorkOrderApi.Find(estate, grains, request.IdempotencyKey, "idempotency_key");
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
        var at = request.OccurredAt?.ToDateTimeOffset() ?? time.GetUtcNow();
        // The step's actor is the dispatch system's authenticated identity; the team it names is its say-so, kept in the note.
        string note = request.Actor.Length == 0 ? request.Note : $"{request.Note} (team {request.Actor})".TrimStart();
        var report = new ProgressReport(request.ReportId, kind, at, Caller.Of(context).Name, note);
        bool recorded = await grains.GetGrain<IWorkOrderGrain>(request.IdempotencyKey).RecordProgress(report);
        return new ReportProgressResponse { Recorded = recorded };
    }
}
