using FacilityHub.FleetSimulator.Topology;

namespace FacilityHub.FleetSimulator.Generation;

/// <summary>
/// Every device of a topology, simulated. The same seed gives the same readings for the same calls;
/// each device draws from its own generator (seeded from the fleet seed and its equipment id), so
/// adding a device to the topology does not change the others' values.
/// </summary>
public sealed class FleetGenerator
{
    private readonly Dictionary<string, DeviceSimulator> _byEquipment;

    public FleetGenerator(FleetTopology topology, int seed)
    {
        ArgumentNullException.ThrowIfNull(topology);
        Topology = topology;
        Seed = seed;
        Devices = topology.Devices.Select(d => new DeviceSimulator(d, DeviceSeed(seed, d.EquipmentId))).ToList();
        _byEquipment = Devices.ToDictionary(d => d.Device.EquipmentId, StringComparer.Ordinal);
    }

    public FleetTopology Topology { get; }

    public int Seed { get; }

    public IReadOnlyList<DeviceSimulator> Devices { get; }

    /// <summary>The simulator of <paramref name="equipmentId"/>.</summary>
    /// <exception cref="KeyNotFoundException">No such device.</exception>
    public DeviceSimulator Device(string equipmentId) =>
        _byEquipment.TryGetValue(equipmentId, out var device)
            ? device
            : throw new KeyNotFoundException($"no equipment '{equipmentId}' in the topology");

    /// <summary>What the whole fleet sends at the next interval, device by device in topology order.</summary>
    public IReadOnlyList<FleetMessage> Next(DateTimeOffset timestamp)
    {
        var messages = new List<FleetMessage>(Devices.Count + 8);
        foreach (var device in Devices)
        {
            messages.AddRange(device.Next(timestamp));
        }

        return messages;
    }

    // string.GetHashCode differs per process; FNV-1a keeps "same seed, same values" across runs.
    private static int DeviceSeed(int seed, string equipmentId)
    {
        var hash = 2166136261u;
        foreach (var c in equipmentId)
        {
            hash = (hash ^ c) * 16777619u;
        }

        return unchecked((int)hash ^ (seed * 486187739));
    }
}
