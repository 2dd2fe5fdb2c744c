using FacilityHub.Domain.Alarms;

namespace FacilityHub.Domain.Reports;

/// <summary>When an alarm occurrence was first acknowledged, from its alarm's record (which spans occurrences).</summary>
public static class AlarmAcknowledgements
{
    /// <summary>The first acknowledgement at or after <paramref name="raisedAt"/> and before the next occurrence of the
    /// same alarm was raised (<paramref name="nextRaisedAt"/>, null for the latest); null when there is none.</summary>
    public static DateTimeOffset? FirstAcknowledgedAt(IEnumerable<AlarmTransition> history, DateTimeOffset raisedAt, DateTimeOffset? nextRaisedAt) =>
        history.Where(t => t.Cause == AlarmLifecycle.AcknowledgedCause && t.At >= raisedAt && (nextRaisedAt is null || t.At < nextRaisedAt))
            .Select(t => (DateTimeOffset?)t.At)
            .Min();
}
