using MQTTnet;

namespace FacilityHub.Ingestion.Mqtt;

/// <summary>
/// MQTTnet sets a client socket's receive and send buffers to 8 KiB unless told otherwise, which also switches off
/// Linux's buffer autotuning. A connection that carries thousands of messages a second fills 8 KiB within
/// milliseconds of its reader being busy: the broker then meets a zero window or dropped segments and resends only
/// after TCP's retransmission timeout (200 ms, doubling each time). The benchmark saw the hub receive nothing for 2-8 s
/// in about one run of four that way (simulators/FacilityHub.Bench/NOTES.md, section (6)). 1 MiB (the kernel caps it
/// at net.core.rmem_max) holds well over 100 ms of the hub's traffic.
/// </summary>
public static class MqttSocketBuffers
{
    public const int Bytes = 1 << 20;

    /// <summary>The same options with both socket buffers at <see cref="Bytes"/>.</summary>
    public static MqttClientOptions Large(MqttClientOptions options)
    {
        if (options.ChannelOptions is MqttClientTcpOptions tcp) tcp.BufferSize = Bytes;
        return options;
    }
}
