namespace FacilityHub.Domain.Alarms;

/// <summary>
/// The ISA-18.2 state machine of one alarm (one rule on one item). The condition (from the rules) and the
/// operators' actions both move it; every move is appended to <see cref="History"/>.
/// An occurrence starts when the alarm leaves Normal for ActiveUnacknowledged; a condition that returns while
/// the alarm is still unacknowledged (or shelved, suppressed, out of service) belongs to the same occurrence.
/// While shelved, suppressed or out of service the condition is tracked but nothing is annunciated; when the
/// alarm comes back, an active condition annunciates as a new occurrence.
/// </summary>
public sealed class AlarmLifecycle
{
    public const string SystemActor = "system";

    /// <summary>Transitions kept per alarm; the oldest go first (the site's log and InfluxDB keep the long view).</summary>
    public const int MaxHistory = 500;

    private const string ClearedCause = "condition cleared";

    /// <summary>The cause recorded when an operator acknowledges (what the monthly MTTA looks for).</summary>
    public const string AcknowledgedCause = "acknowledged";

    private readonly List<AlarmTransition> _history;

    public AlarmLifecycle() : this(AlarmLifecycleState.Normal, false, 0, null, null, []) { }

    public AlarmLifecycle(AlarmLifecycleState state, bool conditionActive, int occurrence, DateTimeOffset? shelvedUntil, DateTimeOffset? raisedAt, IEnumerable<AlarmTransition> history)
    {
        State = state;
        ConditionActive = conditionActive;
        Occurrence = occurrence;
        ShelvedUntil = shelvedUntil;
        RaisedAt = raisedAt;
        _history = [.. history];
    }

    public AlarmLifecycleState State { get; private set; }
    public bool ConditionActive { get; private set; }
    public int Occurrence { get; private set; }
    public DateTimeOffset? ShelvedUntil { get; private set; }
    public DateTimeOffset? RaisedAt { get; private set; }
    public IReadOnlyList<AlarmTransition> History => _history;

    /// <summary>Shown to operators as needing attention (active or unacknowledged).</summary>
    public bool Annunciating => State is AlarmLifecycleState.ActiveUnacknowledged or AlarmLifecycleState.ActiveAcknowledged or AlarmLifecycleState.ReturnedUnacknowledged;

    /// <summary>The rule's condition started. True when this began a new occurrence (which may raise a work order).</summary>
    public bool ConditionStarted(DateTimeOffset at, string message)
    {
        if (ConditionActive) return false;
        ConditionActive = true;
        switch (State)
        {
            case AlarmLifecycleState.Normal:
                StartOccurrence(at, message);
                return true;
            case AlarmLifecycleState.ReturnedUnacknowledged:
                Move(AlarmLifecycleState.ActiveUnacknowledged, at, "condition returned", SystemActor, message);
                return false;
            default:
                Record(at, "condition started (not annunciated)", SystemActor, message);
                return false;
        }
    }

    public void ConditionCleared(DateTimeOffset at, string message)
    {
        if (!ConditionActive) return;
        ConditionActive = false;
        switch (State)
        {
            case AlarmLifecycleState.ActiveUnacknowledged:
                Move(AlarmLifecycleState.ReturnedUnacknowledged, at, ClearedCause, SystemActor, message);
                break;
            case AlarmLifecycleState.ActiveAcknowledged:
                Move(AlarmLifecycleState.Normal, at, ClearedCause, SystemActor, message);
                break;
            default:
                Record(at, ClearedCause + " (not annunciated)", SystemActor, message);
                break;
        }
    }

    public void Acknowledge(DateTimeOffset at, string operatorName, string note)
    {
        switch (State)
        {
            case AlarmLifecycleState.ActiveUnacknowledged:
                Move(AlarmLifecycleState.ActiveAcknowledged, at, AcknowledgedCause, operatorName, note);
                break;
            case AlarmLifecycleState.ReturnedUnacknowledged:
                Move(AlarmLifecycleState.Normal, at, AcknowledgedCause, operatorName, note);
                break;
            default:
                throw new AlarmActionRefusedException($"cannot acknowledge: the alarm is {Describe(State)}, nothing is waiting for acknowledgement");
        }
    }

    public void Shelve(DateTimeOffset at, TimeSpan duration, string operatorName, string reason)
    {
        if (duration <= TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(duration), "a shelve duration must be positive");
        if (string.IsNullOrWhiteSpace(reason)) throw new ArgumentException("shelving needs a reason", nameof(reason));
        if (State is AlarmLifecycleState.SuppressedByDesign or AlarmLifecycleState.OutOfService)
        {
            throw new AlarmActionRefusedException($"cannot shelve: the alarm is {Describe(State)}");
        }
        ShelvedUntil = at + duration;
        if (State == AlarmLifecycleState.Shelved) Record(at, $"shelf extended until {ShelvedUntil:u}", operatorName, reason);
        else Move(AlarmLifecycleState.Shelved, at, $"shelved until {ShelvedUntil:u}", operatorName, reason);
    }

    public void Unshelve(DateTimeOffset at, string operatorName, string note)
    {
        if (State != AlarmLifecycleState.Shelved) throw new AlarmActionRefusedException($"cannot unshelve: the alarm is {Describe(State)}, not shelved");
        ComeBack(at, "unshelved", operatorName, note);
    }

    /// <summary>The shelf's time is up: the alarm comes back (a no-op before <see cref="ShelvedUntil"/>).</summary>
    public bool ExpireShelf(DateTimeOffset now)
    {
        if (State != AlarmLifecycleState.Shelved || ShelvedUntil is not { } until || now < until) return false;
        ComeBack(now, "shelf expired", SystemActor, "");
        return true;
    }

    public void Suppress(DateTimeOffset at, string actor, string reason) =>
        Hide(AlarmLifecycleState.SuppressedByDesign, at, "suppressed by design", actor, reason);

    public void RemoveFromService(DateTimeOffset at, string actor, string reason) =>
        Hide(AlarmLifecycleState.OutOfService, at, "removed from service", actor, reason);

    /// <summary>Ends suppression or out-of-service.</summary>
    public void Restore(DateTimeOffset at, string actor, string note)
    {
        if (State is not (AlarmLifecycleState.SuppressedByDesign or AlarmLifecycleState.OutOfService))
        {
            throw new AlarmActionRefusedException($"cannot restore: the alarm is {Describe(State)}, neither suppressed nor out of service");
        }
        ComeBack(at, "restored", actor, note);
    }

    public void Comment(DateTimeOffset at, string operatorName, string text)
    {
        if (string.IsNullOrWhiteSpace(text)) throw new ArgumentException("a comment needs text", nameof(text));
        Record(at, "comment", operatorName, text);
    }

    private void Hide(AlarmLifecycleState to, DateTimeOffset at, string cause, string actor, string reason)
    {
        if (State == to) throw new AlarmActionRefusedException($"the alarm is already {Describe(State)}");
        ShelvedUntil = null;
        Move(to, at, cause, actor, reason);
    }

    /// <summary>Back from a shelf, suppression or out-of-service. A condition that has held since its occurrence
    /// began is still that occurrence (it annunciates again, no second work order); one that cleared and came
    /// back while hidden is a new occurrence.</summary>
    private void ComeBack(DateTimeOffset at, string cause, string actor, string note)
    {
        ShelvedUntil = null;
        if (ConditionActive && Occurrence > 0 && !ClearedSinceRaised())
        {
            Move(AlarmLifecycleState.ActiveUnacknowledged, at, cause, actor, note);
            return;
        }
        Move(AlarmLifecycleState.Normal, at, cause, actor, note);
        if (ConditionActive) StartOccurrence(at, "condition still active");
    }

    private bool ClearedSinceRaised() =>
        _history.Any(h => h.At >= RaisedAt && h.Cause.StartsWith(ClearedCause, StringComparison.Ordinal));

    private void StartOccurrence(DateTimeOffset at, string message)
    {
        Occurrence++;
        RaisedAt = at;
        Move(AlarmLifecycleState.ActiveUnacknowledged, at, "condition started", SystemActor, message);
    }

    private void Move(AlarmLifecycleState to, DateTimeOffset at, string cause, string actor, string note)
    {
        Append(new AlarmTransition(State, to, at, cause, actor, note));
        State = to;
    }

    private void Record(DateTimeOffset at, string cause, string actor, string note) =>
        Append(new AlarmTransition(State, State, at, cause, actor, note));

    private void Append(AlarmTransition transition)
    {
        if (_history.Count >= MaxHistory) _history.RemoveAt(0);
        _history.Add(transition);
    }

    private static string Describe(AlarmLifecycleState state) => state switch
    {
        AlarmLifecycleState.Normal => "normal",
        AlarmLifecycleState.ActiveUnacknowledged => "active and unacknowledged",
        AlarmLifecycleState.ActiveAcknowledged => "active and already acknowledged",
        AlarmLifecycleState.ReturnedUnacknowledged => "returned to normal, unacknowledged",
        AlarmLifecycleState.Shelved => "shelved",
        AlarmLifecycleState.SuppressedByDesign => "suppressed by design",
        _ => "out of service",
    };
}
