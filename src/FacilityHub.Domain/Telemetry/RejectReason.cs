namespace FacilityHub.Domain.Telemetry;

/// <summary>Why a message (or one value of it) was not accepted. Each is counted; over gRPC and in
/// <c>fhub ingestion stats</c> they read in snake case (<c>device_mismatch</c>).</summary>
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

    /// <summary>Objects or arrays nested deeper than any payload of the scheme needs.</summary>
    TooDeep,

    /// <summary>An id in the topic or the payload (metric, event, zone, device) that is not an id: control
    /// characters, MQTT wildcards, '/', '..', upper case, too long.</summary>
    BadId,

    /// <summary>The same key twice in one object: parsers disagree on which one wins, so neither is believed.</summary>
    DuplicateKey,

    /// <summary>The payload's <c>device</c> is not the equipment its topic names.</summary>
    DeviceMismatch,

    /// <summary><c>ts</c> older than <see cref="TimestampWindow.MaxAge"/>: a replay, or a clock far behind.</summary>
    TimestampTooOld,

    /// <summary><c>ts</c> more than <see cref="TimestampWindow.MaxLead"/> ahead of the hub's clock.</summary>
    TimestampInFuture,

    /// <summary>A message seen already (same device, <c>ts</c> and content): a QoS 1 redelivery or a replay.</summary>
    Duplicate,
}
