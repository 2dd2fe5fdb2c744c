namespace FacilityHub.FleetSimulator.Generation;

/// <summary>What a transport or firmware fault does to the messages a device sends (its readings stay as they are).</summary>
public enum MessageFault
{
    /// <summary>Messages go out as generated.</summary>
    None,

    /// <summary>Each reading is followed by a broken one (cut short, a <c>NaN</c> literal, not an object): <c>malformed_json</c>.</summary>
    Malformed,

    /// <summary>Each reading is followed by one padded past the hub's 16 KiB limit: <c>oversized</c>.</summary>
    Oversized,

    /// <summary>Each message is sent twice, byte for byte (a QoS 1 redelivery): the hub keeps one, counts the other as <c>duplicate</c>.</summary>
    Duplicate,

    /// <summary>Readings leave in swapped pairs, the older after the newer (a buffer flushed in the wrong order): all good, all kept.</summary>
    OutOfOrder,
}
