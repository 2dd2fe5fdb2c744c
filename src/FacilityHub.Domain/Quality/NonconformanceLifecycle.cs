namespace FacilityHub.Domain.Quality;

/// <summary>The CAPA steps a nonconformance's state allows, and when it escalates: without an owner,
/// <see cref="QualityPolicy.AssignActionWithin"/> after it was raised; with one, at the action's due date, unless the
/// owner completed it first. Escalation is a fact on record: it stays when the action is later done.</summary>
public static class NonconformanceLifecycle
{
    public static void CheckDue(DateTimeOffset due, DateTimeOffset now, QualityPolicy policy)
    {
        if (due <= now) throw new ArgumentException("due: must be in the future");
        if (due - now > policy.MaxActionDue) throw new ArgumentException($"due: must be within {policy.MaxActionDue.TotalDays:0} days");
    }

    public static void CheckAssign(NonconformanceState state)
    {
        if (state is not (NonconformanceState.Open or NonconformanceState.ActionAssigned))
        {
            throw new QualityActionRefusedException(state == NonconformanceState.Verified
                ? "the nonconformance is closed (its action was verified)"
                : "the action is completed and awaits verification; reject it to send it back");
        }
    }

    public static void CheckComplete(NonconformanceState state)
    {
        if (state != NonconformanceState.ActionAssigned)
        {
            throw new QualityActionRefusedException(state switch
            {
                NonconformanceState.Open => "no action is assigned yet",
                NonconformanceState.ActionCompleted => "the action is already completed and awaits verification",
                _ => "the nonconformance is closed (its action was verified)",
            });
        }
    }

    public static void CheckVerify(NonconformanceState state)
    {
        if (state != NonconformanceState.ActionCompleted)
        {
            throw new QualityActionRefusedException(state == NonconformanceState.Verified
                ? "the action is already verified"
                : "only a completed action can be verified or rejected");
        }
    }

    /// <summary>When the nonconformance escalates if nothing changes; null when it no longer can.</summary>
    public static DateTimeOffset? EscalatesAt(NonconformanceState state, DateTimeOffset raisedAt, DateTimeOffset? actionDue, QualityPolicy policy) => state switch
    {
        NonconformanceState.Open => raisedAt + policy.AssignActionWithin,
        NonconformanceState.ActionAssigned => actionDue,
        _ => null,
    };
}
