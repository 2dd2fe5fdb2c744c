namespace FacilityHub.Grains.WorkOrders;

/// <summary>The dispatch system did not take an order this time; the outbox tries again.</summary>
public sealed class DispatchUnavailableException(string message, Exception? inner = null) : Exception(message, inner);
