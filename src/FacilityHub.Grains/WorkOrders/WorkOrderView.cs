using FacilityHub.Domain.WorkOrders;

namespace FacilityHub.Grains.WorkOrders;

[GenerateSerializer, Immutable, Alias("fh.WorkOrderView")]
public sealed record WorkOrderView(
    WorkOrderDraft Draft,
    WorkOrderStatus Status,
    string? DispatchOrderId,
    int SendAttempts,
    string? LastError,
    WorkOrderStep[] Steps,
    DateTimeOffset? Appointment = null,
    int PendingUpdates = 0,
    SlaBreachRecord[]? Breaches = null,
    DateTimeOffset? VerifyDue = null,
    DateTimeOffset? VerifiedAt = null,
    DateTimeOffset? FollowUpDue = null,
    FollowUpRecord[]? FollowUps = null,
    string? PendingReason = null,
    DateTimeOffset? ExpectedBy = null);
