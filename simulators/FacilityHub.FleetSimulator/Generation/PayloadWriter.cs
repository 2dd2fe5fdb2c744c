using System.Buffers;
using System.Globalization;
using System.Text.Json;

namespace FacilityHub.FleetSimulator.Generation;

/// <summary>
/// The JSON the hub expects. Telemetry: <c>{"ts":"2026-11-25T10:00:00.000Z","device":"pump-1","values":{"metric":1.5}}</c>;
/// event: <c>{"ts":"...","device":"alarm-0301","event":"zone_tripped","zone":"smoke"}</c> (zone only when there is one).
/// <c>device</c> names the sender, which the hub checks against the topic's equipment.
/// </summary>
public static class PayloadWriter
{
    /// <summary>UTF-8 JSON payload of <paramref name="message"/>.</summary>
    public static byte[] ToJson(FleetMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (message is RawMessage raw)
        {
            return raw.Payload;
        }

        var buffer = new ArrayBufferWriter<byte>(256);
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("ts", FormatTimestamp(message.Timestamp));
            json.WriteString("device", message.Device.EquipmentId);
            switch (message)
            {
                case TelemetryMessage telemetry:
                    json.WriteStartObject("values");
                    foreach (var (metric, value) in telemetry.Values)
                    {
                        json.WriteNumber(metric, value);
                    }

                    json.WriteEndObject();
                    break;
                case EventMessage evt:
                    json.WriteString("event", evt.Event);
                    if (evt.Zone is not null)
                    {
                        json.WriteString("zone", evt.Zone);
                    }

                    break;
                default:
                    throw new ArgumentException($"unknown message type {message.GetType().Name}", nameof(message));
            }

            json.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>ISO-8601 UTC with milliseconds, e.g. <c>2026-11-25T10:00:00.000Z</c>.</summary>
    public static string FormatTimestamp(DateTimeOffset timestamp) =>
        timestamp.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
}
