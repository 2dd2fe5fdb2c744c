using FacilityHub.Domain.Telemetry;

namespace FacilityHub.Ingestion.Mqtt;

/// <summary>A payload that cannot be used at all.</summary>
public sealed class PayloadException(RejectReason reason, string message) : Exception(message)
{
    public RejectReason Reason { get; } = reason;
}
