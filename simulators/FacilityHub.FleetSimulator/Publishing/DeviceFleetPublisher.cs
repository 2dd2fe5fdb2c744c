using FacilityHub.FleetSimulator.Generation;
using FacilityHub.FleetSimulator.Topology;

namespace FacilityHub.FleetSimulator.Publishing;

/// <summary>
/// The fleet as real devices are: one broker connection per device, each logged in with that device's own account,
/// so a broker with per-device ACLs lets each publish under its own topic only. Each device keeps its own queue and
/// order; a message goes out on its sending device's connection.
/// </summary>
public sealed class DeviceFleetPublisher : IFleetPublisher
{
    // Per device: a few minutes of readings at the default interval is plenty of buffer.
    private const int QueuePerDevice = 10_000;

    private readonly Dictionary<string, MqttFleetPublisher> _byDevice;

    /// <exception cref="ArgumentException">A device has no password in <paramref name="credentials"/> (the message lists which).</exception>
    public DeviceFleetPublisher(string host, int port, IReadOnlyList<DeviceSpec> devices, DeviceCredentials credentials, string clientIdSuffix, Action<string> log)
    {
        ArgumentNullException.ThrowIfNull(devices);
        ArgumentNullException.ThrowIfNull(credentials);
        var missing = devices.Where(d => credentials.PasswordOf(d.EquipmentId) is null).Select(d => d.EquipmentId).ToList();
        if (missing.Count > 0)
        {
            throw new ArgumentException(
                $"no broker account for {missing.Count} device(s) in the credentials file ({string.Join(", ", missing.Take(5))}{(missing.Count > 5 ? ", ..." : "")}): run fhub mqtt credentials again");
        }

        Endpoint = $"{host}:{port}";
        _byDevice = devices.ToDictionary(
            d => d.EquipmentId,
            d => new MqttFleetPublisher(host, port, $"{d.EquipmentId}-{clientIdSuffix}", line => log($"{d.EquipmentId}: {line}"), QueuePerDevice,
                new MqttAccount(d.EquipmentId, credentials.PasswordOf(d.EquipmentId)!)),
            StringComparer.Ordinal);
    }

    public string Endpoint { get; }

    public long Published => _byDevice.Values.Sum(p => p.Published);

    public long Dropped => _byDevice.Values.Sum(p => p.Dropped);

    public async Task ConnectAsync(CancellationToken cancellationToken)
    {
        var connecting = _byDevice.Select(async entry =>
        {
            try
            {
                await entry.Value.ConnectAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (BrokerUnreachableException ex)
            {
                throw new BrokerUnreachableException($"device {entry.Key}: {ex.Message}", ex);
            }
        }).ToList();
        try
        {
            await Task.WhenAll(connecting).ConfigureAwait(false);
        }
        catch
        {
            // The first device's reason is enough: the others failed the same way, or are connected and disposed later.
            throw connecting.First(t => t.IsFaulted || t.IsCanceled).Exception?.InnerException ?? new OperationCanceledException(cancellationToken);
        }
    }

    public void Enqueue(FleetMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        _byDevice[message.Device.EquipmentId].Enqueue(message);
    }

    public async Task<bool> DrainAsync(TimeSpan timeout)
    {
        var drained = await Task.WhenAll(_byDevice.Values.Select(p => p.DrainAsync(timeout))).ConfigureAwait(false);
        return drained.All(d => d);
    }

    public async ValueTask DisposeAsync()
    {
        await Task.WhenAll(_byDevice.Values.Select(p => p.DisposeAsync().AsTask())).ConfigureAwait(false);
    }
}
