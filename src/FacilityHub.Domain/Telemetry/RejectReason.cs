namespace FacilityHub.Domain.Telemetry;

/// <summary>Why a message (or one value of it) was not accepted. Each is counted.</summary>
public enum RejectReason
{
    MalformedJson,
    Oversized,
    BadTopic,
    UnknownDevice,
    UnknownMetric,
    UnknownEvent,
    NotANumber,
    OutOfRange,
    BadTimestamp,
}
