using FacilityHub.Domain.Reports;
using FacilityHub.Domain.WorkOrders;
using static FacilityHub.Domain.WorkOrders.WorkOrderStatus;

namespace FacilityHub.Domain.Tests;

/// <summary>A small November 2026 of a site, with figures worked out by hand in <see cref="MonthlyReportCalculatorTests"/>.
/// Every order is raised at 08:00 UTC; step times are minutes after that.</summary>
internal static class MonthlyReportSample
{
    public static readonly ReportMonth November = new(2026, 11);

    /// <summary>The report is made on 1 December at 10:00.</summary>
    public static readonly DateTimeOffset GeneratedAt = new(2026, 12, 1, 10, 0, 0, TimeSpan.Zero);

    public static DateTimeOffset Nov(int day, int hour = 8, int minute = 0) => new(2026, 11, day, hour, minute, 0, TimeSpan.Zero);

    public static WorkOrderFact Order(string id, string equipment, WorkOrderUrgency urgency, DateTimeOffset raised, WorkOrderStatus status,
        (WorkOrderStatus Status, int Minutes)[] steps, params SlaClock[] breaches) =>
        new(id, equipment, urgency, raised, status,
            [new WorkOrderStepFact(Raised, raised), .. steps.Select(s => new WorkOrderStepFact(s.Status, raised.AddMinutes(s.Minutes)))], breaches);

    public static readonly WorkOrderFact[] Orders =
    [
        // October's order, repaired on 1 November at 02:00: outside the month's charts, inside its follow-up coverage.
        Order("wo-0", "pump-2", WorkOrderUrgency.Emergency, new DateTimeOffset(2026, 10, 31, 20, 0, 0, TimeSpan.Zero), Closed,
            [(Accepted, 5), (OnSite, 60), (Resolved, 360), (Verified, 380), (Closed, 1500)]),
        Order("wo-1", "pump-1", WorkOrderUrgency.Emergency, Nov(2), Closed, [(Accepted, 10), (OnSite, 60), (Resolved, 180), (Verified, 200), (Closed, 1600)]),
        Order("wo-2", "pump-1", WorkOrderUrgency.Emergency, Nov(5), Verified, [(Accepted, 12), (OnSite, 90), (Resolved, 240), (Verified, 260)]),
        Order("wo-3", "dishwasher-1", WorkOrderUrgency.Major, Nov(8), Resolved, [(Accepted, 11), (OnSite, 300), (Resolved, 600)], SlaClock.OnSite),
        Order("wo-4", "pump-2", WorkOrderUrgency.Normal, Nov(11), OnSite, [(Accepted, 13), (OnSite, 120)]),
        Order("wo-5", "pump-2", WorkOrderUrgency.Normal, Nov(14), Cancelled, [(Accepted, 12), (Cancelled, 30)]),
        // Fixed, then the fault came back: no repair that stood yet.
        Order("wo-6", "pump-1", WorkOrderUrgency.Emergency, Nov(17), Reopened, [(Accepted, 11), (OnSite, 30), (Resolved, 120), (Reopened, 125)]),
        Order("wo-7", "dishwasher-1", WorkOrderUrgency.Major, Nov(20), Verified, [(Accepted, 12), (OnSite, 180), (Resolved, 1500), (Verified, 1510)], SlaClock.Resolution),
        Order("wo-8", "alarm-0301", WorkOrderUrgency.Emergency, Nov(23), Accepted, [(Accepted, 40)], SlaClock.Response),
    ];

    public static readonly AlarmFact[] Alarms =
    [
        new("pump-1/pressure_collapse/1", "pump-1", new DateTimeOffset(2026, 10, 31, 19, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 10, 31, 20, 40, 0, TimeSpan.Zero)),
        new("pump-1/pressure_collapse/2", "pump-1", Nov(2, 7, 59), Nov(2, 8, 1)),
        new("pump-1/pressure_collapse/3", "pump-1", Nov(5, 7, 59), Nov(5, 8, 3)),
        new("dishwasher-1/wash_temp_low/1", "dishwasher-1", Nov(8, 7, 59), Nov(8, 8, 5)),
        new("alarm-0301/zone_tripped/1", "alarm-0301", Nov(23, 7, 59), null),
    ];

    public static readonly FollowUpFact[] FollowUps =
    [
        new("wo-0", Nov(2, 9), true),
        new("wo-1", Nov(3, 9), true),
        new("wo-old", Nov(1, 9), false),
    ];

    public static readonly InspectionRoundFact[] Inspections =
    [
        new("weekly", 4, 4),
        new("daily", 15, 15),
        new("daily", 15, 13),
        new("monthly", 1, 1),
    ];

    public static readonly NonconformanceFact[] Nonconformances =
    [
        .. Enumerable.Repeat(new NonconformanceFact("hygiene", "minor", Nov(4)), 5),
        .. Enumerable.Repeat(new NonconformanceFact("equipment", "major", Nov(9)), 3),
        new("safety", "major", Nov(12)),
        new("records", "minor", Nov(12)),
        new("hygiene", "minor", new DateTimeOffset(2026, 10, 30, 8, 0, 0, TimeSpan.Zero)),
    ];

    public static readonly ComplaintFact[] Complaints =
    [
        new(Nov(3, 10), Nov(3, 15)),
        new(Nov(10, 9), Nov(11, 10)),
        new(Nov(29, 12), null),
        new(Nov(30, 23), null),
        new(new DateTimeOffset(2026, 10, 31, 9, 0, 0, TimeSpan.Zero), null),
    ];

    public static MonthlyReportInput Input() =>
        new("riverside", "Riverside Gardens", November, GeneratedAt, Orders, Alarms, FollowUps, Inspections, Nonconformances, Complaints);

    /// <summary>What the hub knows before the inspection records are wired in: no inspections, nonconformances or complaints.</summary>
    public static MonthlyReportInput HubOnlyInput() => Input() with { Inspections = [], Nonconformances = [], Complaints = [] };
}
