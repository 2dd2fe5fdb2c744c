using System.Globalization;
using FacilityHub.FleetSimulator.Generation;

namespace FacilityHub.FleetSimulator.Publishing;

/// <summary>
/// Drives the fleet in time: a reading from every device each interval, fault starts and clears when
/// they fall due, a summary line every few seconds. Waits for whichever of these comes next, so a
/// fault at +7 s with a 30 s interval still trips at +7 s.
/// </summary>
public sealed class FleetRunner(
    FleetGenerator generator,
    FaultPlan plan,
    IFleetPublisher publisher,
    TimeSpan interval,
    TimeSpan? duration,
    Action<string> log,
    TimeProvider time)
{
    /// <summary>Time between two summary lines.</summary>
    public static readonly TimeSpan SummaryEvery = TimeSpan.FromSeconds(5);

    private readonly List<InjectedFault> _injected = [];

    /// <summary>Faults started so far, with the wall-clock time each started (what a drill is scored against).</summary>
    public IReadOnlyList<InjectedFault> Injected => _injected;

    /// <summary>Publishes until <paramref name="cancellationToken"/> fires or the duration is over.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        if (interval <= TimeSpan.Zero)
        {
            throw new InvalidOperationException("The interval must be positive.");
        }

        var started = time.GetTimestamp();
        var nextReading = TimeSpan.Zero;
        var nextSummary = SummaryEvery;
        var (lastSummaryAt, lastSummaryCount) = (TimeSpan.Zero, 0L);
        while (!cancellationToken.IsCancellationRequested)
        {
            var elapsed = time.GetElapsedTime(started);
            // Faults first: a reading taken at the same instant already shows the fault.
            foreach (var transition in plan.TakeDue(elapsed))
            {
                Apply(transition, elapsed);
            }

            if (elapsed >= nextReading)
            {
                foreach (var message in generator.Next(time.GetUtcNow()))
                {
                    publisher.Enqueue(message);
                }

                nextReading += interval;
                // Fell behind (a paused process, a slow machine)? Skip missed readings rather than burst.
                if (nextReading <= elapsed)
                {
                    nextReading = elapsed + interval;
                }
            }

            if (elapsed >= nextSummary)
            {
                var published = publisher.Published;
                var rate = (published - lastSummaryCount) / Math.Max((elapsed - lastSummaryAt).TotalSeconds, 0.001);
                var dropped = publisher.Dropped;
                var droppedNote = dropped > 0 ? $", {dropped} dropped" : "";
                log(string.Create(CultureInfo.InvariantCulture,
                    $"published {published} messages ({generator.Devices.Count} devices, {rate:0.0} msg/s){droppedNote}"));
                (lastSummaryAt, lastSummaryCount) = (elapsed, published);
                nextSummary += SummaryEvery;
            }

            if (duration is { } limit && elapsed >= limit)
            {
                return;
            }

            var wakeAt = Min(nextReading, nextSummary, plan.NextAt, duration);
            var wait = wakeAt - time.GetElapsedTime(started);
            if (wait > TimeSpan.Zero)
            {
                try
                {
                    await Task.Delay(wait, time, cancellationToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    private static TimeSpan Min(TimeSpan first, TimeSpan second, TimeSpan? third, TimeSpan? fourth)
    {
        var min = first < second ? first : second;
        if (third is { } t && t < min)
        {
            min = t;
        }

        if (fourth is { } f && f < min)
        {
            min = f;
        }

        return min;
    }

    private void Apply(FaultTransition transition, TimeSpan elapsed)
    {
        var device = generator.Device(transition.Device.EquipmentId);
        var now = time.GetUtcNow();
        var events = transition.Starts ? device.StartFault(transition.Fault, now) : device.ClearFault(transition.Fault, now);
        if (transition.Starts)
        {
            _injected.Add(new InjectedFault(transition.Device.EquipmentId, transition.Fault.Name, now));
        }

        foreach (var message in events)
        {
            publisher.Enqueue(message);
        }

        var what = transition.Starts ? $"started ({transition.Fault.Description})" : "cleared";
        log(string.Create(CultureInfo.InvariantCulture,
            $"FAULT {transition.Fault.Name} {what} on {transition.Device.TopicPrefix["facility/".Length..]} at +{elapsed.TotalSeconds:0.0} s"));
    }
}
