namespace FacilityHub.Domain.Telemetry;

/// <summary>A discrete event from a device, e.g. a home alarm zone tripping (<see cref="Zone"/> = "smoke").</summary>
public sealed record DeviceEvent(string EquipmentId, DateTimeOffset Timestamp, string Name, string? Zone);
