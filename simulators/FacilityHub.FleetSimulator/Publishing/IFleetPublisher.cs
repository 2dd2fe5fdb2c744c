using FacilityHub.FleetSimulator.Generation;

namespace FacilityHub.FleetSimulator.Publishing;

/// <summary>Where the fleet's messages go: queued without blocking, published in order per connection.</summary>
public interface IFleetPublisher : IAsyncDisposable
{
    /// <summary>host:port of the broker.</summary>
    string Endpoint { get; }

    /// <summary>Messages the broker has acknowledged.</summary>
    long Published { get; }

    /// <summary>Messages given up: pushed out of a full queue while disconnected, or refused by the broker.</summary>
    long Dropped { get; }

    /// <summary>Connects for the first time and starts publishing what is queued.</summary>
    /// <exception cref="BrokerUnreachableException">No connection could be made, or the broker refused it.</exception>
    Task ConnectAsync(CancellationToken cancellationToken);

    /// <summary>Queues a message; never blocks (a full queue drops its oldest message).</summary>
    void Enqueue(FleetMessage message);

    /// <summary>Takes no more messages and waits up to <paramref name="timeout"/> for the queued ones to be published.</summary>
    /// <returns>True when everything queued was handed over.</returns>
    Task<bool> DrainAsync(TimeSpan timeout);
}
