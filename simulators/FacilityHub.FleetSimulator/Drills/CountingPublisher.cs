using FacilityHub.FleetSimulator.Generation;
using FacilityHub.FleetSimulator.Publishing;

namespace FacilityHub.FleetSimulator.Drills;

/// <summary>Counts what a drill hands to the publisher: good messages, and spoilt ones by the rejection they should get.</summary>
public sealed class CountingPublisher(IFleetPublisher inner) : IFleetPublisher
{
    private readonly Dictionary<string, long> _bad = new(StringComparer.Ordinal);
    private long _good;

    public string Endpoint => inner.Endpoint;

    public long Published => inner.Published;

    public long Dropped => inner.Dropped;

    /// <summary>Good messages queued (all but <see cref="RawMessage"/>s).</summary>
    public long Good => Interlocked.Read(ref _good);

    /// <summary>Spoilt messages queued, by the reason the hub should reject them with.</summary>
    public IReadOnlyDictionary<string, long> Bad
    {
        get
        {
            lock (_bad)
            {
                return new Dictionary<string, long>(_bad, StringComparer.Ordinal);
            }
        }
    }

    public Task ConnectAsync(CancellationToken cancellationToken) => inner.ConnectAsync(cancellationToken);

    public void Enqueue(FleetMessage message)
    {
        if (message is RawMessage raw)
        {
            lock (_bad)
            {
                _bad[raw.ExpectedRejection] = _bad.GetValueOrDefault(raw.ExpectedRejection) + 1;
            }
        }
        else
        {
            Interlocked.Increment(ref _good);
        }

        inner.Enqueue(message);
    }

    public Task<bool> DrainAsync(TimeSpan timeout) => inner.DrainAsync(timeout);

    // The drill does not own the publisher it counts for.
    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
