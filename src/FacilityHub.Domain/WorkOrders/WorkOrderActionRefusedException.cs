namespace FacilityHub.Domain.WorkOrders;

/// <summary>An action the order's current status does not allow (a follow-up before verification); the message says why.</summary>
public sealed class WorkOrderActionRefusedException(string message) : Exception(message);
