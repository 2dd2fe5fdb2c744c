using System.Diagnostics;

namespace FacilityHub.Testing;

/// <summary>Polls a condition until it holds or a deadline passes; no fixed sleeps in tests.</summary>
public static class Eventually
{
    /// <summary>Delay between two polls.</summary>
    public static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(50);

    /// <summary>
    /// Polls <paramref name="condition"/> until it returns true. An exception thrown by the
    /// condition counts as "not yet" and is attached to the <see cref="TimeoutException"/> thrown
    /// when <paramref name="timeout"/> passes.
    /// </summary>
    public static async Task UntilAsync(
        Func<Task<bool>> condition, TimeSpan timeout, string because, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(condition);
        await UntilCoreAsync(async () => await condition().ConfigureAwait(false) ? true : (object?)null,
            timeout, because, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Polls <paramref name="probe"/> until it returns a non-null value, and returns it.</summary>
    public static async Task<T> UntilAsync<T>(
        Func<Task<T?>> probe, TimeSpan timeout, string because, CancellationToken cancellationToken = default)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(probe);
        var value = await UntilCoreAsync(async () => await probe().ConfigureAwait(false),
            timeout, because, cancellationToken).ConfigureAwait(false);
        return (T)value;
    }

    /// <summary>Polls <paramref name="probe"/> until it returns a value (not null), and returns it.</summary>
    public static async Task<T> UntilAsync<T>(
        Func<Task<T?>> probe, TimeSpan timeout, string because, CancellationToken cancellationToken = default)
        where T : struct
    {
        ArgumentNullException.ThrowIfNull(probe);
        var value = await UntilCoreAsync(async () => await probe().ConfigureAwait(false),
            timeout, because, cancellationToken).ConfigureAwait(false);
        return (T)value;
    }

    private static async Task<object> UntilCoreAsync(
        Func<Task<object?>> probe, TimeSpan timeout, string because, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        Exception? last = null;
        var polls = 0;
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            polls++;
            try
            {
                var value = await probe().ConfigureAwait(false);
                if (value is not null)
                {
                    return value;
                }

                last = null;
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                last = ex;
            }

            if (clock.Elapsed >= timeout)
            {
                var detail = last is null ? "" : $" Last error: {last.GetType().Name}: {last.Message}";
                throw new TimeoutException(
                    $"Timed out after {timeout.TotalSeconds:0.###} s ({polls} polls) waiting until {because}.{detail}", last);
            }

            await Task.Delay(PollInterval, cancellationToken).ConfigureAwait(false);
        }
    }
}
