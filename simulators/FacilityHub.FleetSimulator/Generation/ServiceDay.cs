using FacilityHub.Domain.Alarms;
using FacilityHub.FleetSimulator.Topology;

namespace FacilityHub.FleetSimulator.Generation;

/// <summary>
/// The day of a device that works in periods (a canteen dishwasher: breakfast, lunch, dinner), on the hub's own
/// <see cref="MealSchedule"/>: in service inside each period; heating up during <see cref="HeatUp"/> before it (at service
/// temperature <see cref="ReadyBefore"/> the start); idle after it, its tanks cooling towards <see cref="AmbientC"/>.
/// Inside each period the schedule's event (the water change) falls one more time than the period's minimum, evenly
/// spread, so a change that reaches the hub late at the period's edge still leaves the minimum. Pure: every answer
/// depends on the time asked about only.
/// </summary>
public sealed class ServiceDay(ServiceSchedule schedule)
{
    /// <summary>How long before a period the heaters come on (a conveyor machine's tank takes 20-40 minutes).</summary>
    public static readonly TimeSpan HeatUp = TimeSpan.FromMinutes(30);

    /// <summary>How long before a period the tanks are at service temperature.</summary>
    public static readonly TimeSpan ReadyBefore = TimeSpan.FromMinutes(5);

    /// <summary>Time constant of an idle tank cooling down (about two thirds of the way to ambient in this time).</summary>
    public static readonly TimeSpan CoolingTime = TimeSpan.FromMinutes(60);

    /// <summary>The kitchen's temperature, which an idle tank cools towards.</summary>
    public const double AmbientC = 25;

    // How far back to look for the last period that ended (every schedule has one a day).
    private static readonly TimeSpan LookBack = TimeSpan.FromHours(26);

    // The period going on at (or next after) the time last asked about, and the end of the one before it.
    private MealWindow? _window;
    private DateTimeOffset _previousEnd;

    public ServiceSchedule Schedule { get; } = schedule ?? throw new ArgumentNullException(nameof(schedule));

    /// <summary>The device's phase at <paramref name="at"/>.</summary>
    public ServicePhase PhaseAt(DateTimeOffset at)
    {
        var (window, previousEnd) = Around(at);
        if (window.Start <= at)
        {
            return ServicePhase.InService;
        }

        return at >= HeatingFrom(window, previousEnd) ? ServicePhase.Heating : ServicePhase.Idle;
    }

    /// <summary>Where a heated metric whose service value is <paramref name="inService"/> heads at <paramref name="at"/>.</summary>
    public double Temperature(double inService, DateTimeOffset at)
    {
        var (window, previousEnd) = Around(at);
        if (window.Start <= at)
        {
            return inService;
        }

        var heatingFrom = HeatingFrom(window, previousEnd);
        if (at < heatingFrom)
        {
            return Cooled(inService, at - previousEnd);
        }

        // A straight climb from where the idle tank had got to, done ReadyBefore the period starts.
        var readyAt = window.Start - ReadyBefore;
        if (at >= readyAt || readyAt <= heatingFrom)
        {
            return inService;
        }

        var from = Cooled(inService, heatingFrom - previousEnd);
        return from + ((inService - from) * ((at - heatingFrom) / (readyAt - heatingFrom)));
    }

    /// <summary>When the schedule's event falls in each period: <see cref="ChangesIn"/> times, evenly spread.</summary>
    public static IEnumerable<DateTimeOffset> EventTimes(MealWindow window)
    {
        ArgumentNullException.ThrowIfNull(window);
        var count = ChangesIn(window);
        var step = (window.End - window.Start) / count;
        for (var k = 0; k < count; k++)
        {
            yield return window.Start + (step * (k + 0.5));
        }
    }

    /// <summary>How many times the event falls in <paramref name="window"/>: one more than its minimum.</summary>
    public static int ChangesIn(MealWindow window) => (window?.Period.Minimum ?? throw new ArgumentNullException(nameof(window))) + 1;

    /// <summary>The schedule's events due after <paramref name="after"/> up to and including <paramref name="upTo"/>, in time order.</summary>
    public IReadOnlyList<DateTimeOffset> EventsBetween(DateTimeOffset after, DateTimeOffset upTo)
    {
        var due = new List<DateTimeOffset>();
        for (var window = Around(after).Window; window.Start <= upTo; window = Next(window))
        {
            due.AddRange(EventTimes(window).Where(t => t > after && t <= upTo));
            if (window.End > upTo)
            {
                break; // periods do not overlap: the next one starts later still
            }
        }

        return due;
    }

    /// <summary>The period going on at <paramref name="at"/> (or the next one), and when the one before it ended.</summary>
    public (MealWindow Window, DateTimeOffset PreviousEnd) Around(DateTimeOffset at)
    {
        if (_window is null || at < _previousEnd)
        {
            (_window, _previousEnd) = (MealSchedule.CurrentOrNext(Schedule.Periods, Schedule.TimeZone, at), LastEndBefore(at));
        }

        while (_window.End <= at)
        {
            _previousEnd = _window.End;
            _window = Next(_window);
        }

        return (_window, _previousEnd);
    }

    // When the last period that ended by `at` ended: the latest instant whose current-or-next period still ended by then,
    // found by halving (a schedule of many short periods is a long list to walk). None within a day: as cold as it gets.
    private DateTimeOffset LastEndBefore(DateTimeOffset at)
    {
        bool EndedBy(DateTimeOffset from) => MealSchedule.CurrentOrNext(Schedule.Periods, Schedule.TimeZone, from).End <= at;
        var (low, high) = (at - LookBack, at);
        if (!EndedBy(low))
        {
            return low;
        }

        while (high - low > TimeSpan.FromMilliseconds(1))
        {
            var middle = low + ((high - low) / 2);
            (low, high) = EndedBy(middle) ? (middle, high) : (low, middle);
        }

        return MealSchedule.CurrentOrNext(Schedule.Periods, Schedule.TimeZone, low).End;
    }

    private MealWindow Next(MealWindow window) => MealSchedule.CurrentOrNext(Schedule.Periods, Schedule.TimeZone, window.End);

    // Heaters come on HeatUp before the period, or at once when the gap since the last one is shorter.
    private static DateTimeOffset HeatingFrom(MealWindow window, DateTimeOffset previousEnd) =>
        window.Start - HeatUp > previousEnd ? window.Start - HeatUp : previousEnd;

    private static double Cooled(double inService, TimeSpan idleFor) =>
        AmbientC + ((inService - AmbientC) * Math.Exp(-idleFor / CoolingTime));
}
