namespace FacilityHub.Domain.WorkOrders;

/// <summary>When a resolved order counts as verified by telemetry: once its device has read normal, without a break,
/// for the window after the later of the repair report and the fault clearing. Null while the fault is present.</summary>
public static class WorkOrderVerification
{
    public static DateTimeOffset? Due(DateTimeOffset resolvedAt, bool faultPresent, DateTimeOffset? normalSince, TimeSpan window)
    {
        if (faultPresent) return null;
        var from = normalSince is { } n && n > resolvedAt ? n : resolvedAt;
        return from + window;
    }

    public static bool IsVerified(DateTimeOffset resolvedAt, bool faultPresent, DateTimeOffset? normalSince, TimeSpan window, DateTimeOffset now) =>
        Due(resolvedAt, faultPresent, normalSince, window) is { } due && due <= now;
}
