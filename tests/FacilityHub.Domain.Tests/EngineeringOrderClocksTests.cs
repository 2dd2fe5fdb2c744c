using FacilityHub.Domain.Maintenance;
using FacilityHub.Domain.WorkOrders;

namespace FacilityHub.Domain.Tests;

public sealed class EngineeringOrderClocksTests
{
    private static readonly DateTimeOffset Booked = new(2026, 11, 20, 3, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Visit = new(2026, 12, 7, 1, 0, 0, TimeSpan.Zero);
    private static readonly SlaPolicy Sla = new();
    private static readonly HashSet<string> None = [];

    [Fact]
    public void A_visit_nobody_started_by_its_time_plus_thirty_minutes_is_a_missed_appointment()
    {
        var facts = EngineeringOrderClocks.Facts(Booked, Visit, startedAt: null, completedAt: null);

        Assert.Empty(SlaClocks.Breaches(Sla, facts, None, Visit.AddMinutes(30).AddTicks(-1)));
        var breach = Assert.Single(SlaClocks.Breaches(Sla, facts, None, Visit.AddMinutes(30)));
        Assert.Equal((SlaClock.Appointment, Visit.AddMinutes(30)), (breach.Clock, breach.Due));
    }

    [Fact]
    public void An_order_booked_weeks_ahead_breaches_nothing_before_its_visit()
    {
        var facts = EngineeringOrderClocks.Facts(Booked, Visit, null, null);

        Assert.Empty(SlaClocks.Breaches(Sla, facts, None, Visit.AddMinutes(-1)));
        Assert.Equal(Visit.AddMinutes(30), SlaClocks.NextDue(Sla, facts, Booked));
    }

    [Fact]
    public void Work_started_within_the_slack_and_completed_the_same_day_breaches_nothing()
    {
        var facts = EngineeringOrderClocks.Facts(Booked, Visit, Visit.AddMinutes(20), Visit.AddHours(2));

        Assert.Empty(SlaClocks.Breaches(Sla, facts, None, Visit.AddDays(3)));
        Assert.Null(SlaClocks.NextDue(Sla, facts, Visit.AddHours(2)));
    }

    [Fact]
    public void Work_started_but_not_done_within_the_resolution_limit_of_the_visit_is_a_breach()
    {
        var facts = EngineeringOrderClocks.Facts(Booked, Visit, Visit, completedAt: null);

        var breach = Assert.Single(SlaClocks.Breaches(Sla, facts, None, Visit.AddHours(25)));
        Assert.Equal(SlaClock.Resolution, breach.Clock);
    }
}
