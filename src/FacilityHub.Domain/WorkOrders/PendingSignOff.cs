namespace FacilityHub.Domain.WorkOrders;

/// <summary>Why an order is not signed off yet, and when it is expected to be done (null: nobody can say).</summary>
public sealed record PendingSignOff(string Reason, DateTimeOffset? ExpectedBy);
