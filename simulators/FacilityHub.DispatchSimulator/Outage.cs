using Grpc.Core;

namespace FacilityHub.DispatchSimulator;

/// <summary>How the simulated dispatch system misbehaves: down until a time (every call UNAVAILABLE), and slow to answer.</summary>
public sealed class Outage(TimeProvider time, TimeSpan downFor, TimeSpan answerDelay)
{
    private long _downUntilTicks = (time.GetUtcNow() + downFor).UtcTicks;

    public TimeSpan AnswerDelay { get; } = answerDelay;

    public bool IsDown => time.GetUtcNow().UtcTicks < Interlocked.Read(ref _downUntilTicks);

    /// <summary>Down from now for <paramref name="duration"/> (zero: up again at once).</summary>
    public void GoDown(TimeSpan duration) => Interlocked.Exchange(ref _downUntilTicks, (time.GetUtcNow() + duration).UtcTicks);

    /// <summary>Throws UNAVAILABLE while down, as an unreachable dispatch system would look to the hub.</summary>
    public void ThrowIfDown()
    {
        if (IsDown)
        {
            throw new RpcException(new Status(StatusCode.Unavailable, "dispatch system down (simulated outage)"));
        }
    }

    /// <summary>Waits before answering, when slow; the work is done already, so a caller that gives up has it anyway.</summary>
    public Task BeforeAnswerAsync(CancellationToken cancellationToken) =>
        AnswerDelay > TimeSpan.Zero ? Task.Delay(AnswerDelay, time, cancellationToken) : Task.CompletedTask;
}
