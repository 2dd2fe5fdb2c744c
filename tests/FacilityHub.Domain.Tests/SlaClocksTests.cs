using FacilityHub.Domain.WorkOrders;

namespace FacilityHub.Domain.Tests;

/// <summary>The SLA clocks driven through days of virtual time: a limit breaches at exactly its due time, once.</summary>
public sealed class SlaClocksTests
{
    private static readonly DateTimeOffset Reported = new(2026, 11, 25, 10, 0, 0, TimeSpan.Zero);
    private static readonly SlaPolicy Policy = new();
    private static readonly HashSet<string> None = [];

    private static SlaFacts Order(WorkOrderUrgency urgency = WorkOrderUrgency.Emergency) =>
        new(urgency, Reported, null, null, null, false, null, null);

    private static IReadOnlyList<SlaClock> BreachedBy(SlaFacts facts, TimeSpan elapsed) =>
        SlaClocks.Breaches(Policy, facts, None, Reported + elapsed).Select(b => b.Clock).ToList();

    [Fact]
    public void The_defaults_are_the_figures_of_the_property_management_documents()
    {
        Assert.All(new[] { Policy.Emergency, Policy.Major, Policy.Normal, Policy.Complex }, l => Assert.Equal(TimeSpan.FromHours(4), l.OnSite));
        Assert.Equal(TimeSpan.FromHours(24), Policy.Major.Response);
        Assert.Equal(TimeSpan.FromHours(24), Policy.Major.Resolution);
        Assert.Equal(TimeSpan.FromDays(2), Policy.Complex.Resolution);
        Assert.Equal(TimeSpan.FromMinutes(15), Policy.Emergency.Response);
        Assert.Equal(TimeSpan.FromMinutes(30), Policy.AppointmentSlack);
        Assert.Empty(Policy.Problems());
    }

    [Fact]
    public void Nobody_on_site_breaches_at_exactly_four_hours_not_a_tick_before()
    {
        var accepted = Order() with { AcceptedAt = Reported.AddMinutes(3) };

        Assert.Empty(BreachedBy(accepted, TimeSpan.FromHours(4) - TimeSpan.FromTicks(1)));
        var breach = Assert.Single(SlaClocks.Breaches(Policy, accepted, None, Reported.AddHours(4)));
        Assert.Equal((SlaClock.OnSite, Reported.AddHours(4)), (breach.Clock, breach.Due));
        Assert.Equal(Reported.AddHours(4), SlaClocks.NextDue(Policy, accepted, Reported.AddHours(4) - TimeSpan.FromTicks(1)));
    }

    [Fact]
    public void Each_clock_stops_at_its_milestone_and_the_next_due_is_the_earliest_still_running()
    {
        var facts = Order(WorkOrderUrgency.Complex);
        Assert.Equal(Reported.AddHours(4), SlaClocks.NextDue(Policy, facts, Reported));

        facts = facts with { AcceptedAt = Reported.AddHours(1), OnSiteAt = Reported.AddHours(3), LastOnSiteAt = Reported.AddHours(3) };
        Assert.Equal(Reported.AddDays(2), SlaClocks.NextDue(Policy, facts, Reported.AddHours(3)));
        Assert.Empty(BreachedBy(facts, TimeSpan.FromDays(2) - TimeSpan.FromTicks(1)));
        Assert.Equal([SlaClock.Resolution], BreachedBy(facts, TimeSpan.FromDays(2)));
    }

    [Fact]
    public void A_major_fault_not_fixed_within_24_hours_breaches_and_days_later_every_missed_limit_is_there_once()
    {
        var facts = Order(WorkOrderUrgency.Major);

        Assert.Equal([SlaClock.OnSite], BreachedBy(facts, TimeSpan.FromHours(5)));
        var all = SlaClocks.Breaches(Policy, facts, None, Reported.AddDays(3));
        Assert.Equal([SlaClock.OnSite, SlaClock.Response, SlaClock.Resolution], all.Select(b => b.Clock));
        Assert.Empty(SlaClocks.Breaches(Policy, facts, all.Select(b => b.Key).ToHashSet(), Reported.AddDays(4)));
    }

    [Fact]
    public void An_ended_order_runs_no_clock()
    {
        var cancelled = Order() with { Ended = true, Appointment = Reported.AddHours(1) };

        Assert.Empty(BreachedBy(cancelled, TimeSpan.FromDays(30)));
        Assert.Null(SlaClocks.NextDue(Policy, cancelled, Reported));
    }

    [Fact]
    public void A_missed_appointment_without_notice_is_a_breach_once_its_slack_is_over()
    {
        var visit = Reported.AddHours(2);
        var booked = Order(WorkOrderUrgency.Normal) with { AcceptedAt = Reported.AddMinutes(5), Appointment = visit };

        Assert.Empty(BreachedBy(booked, TimeSpan.FromHours(2.5) - TimeSpan.FromTicks(1)));
        var missed = Assert.Single(SlaClocks.Breaches(Policy, booked, None, visit.AddMinutes(30)));
        Assert.Equal((SlaClock.Appointment, visit.AddMinutes(30)), (missed.Clock, missed.Due));

        // Kept: someone on site by then (a little early counts).
        var kept = booked with { OnSiteAt = visit.AddMinutes(-10), LastOnSiteAt = visit.AddMinutes(-10) };
        Assert.DoesNotContain(SlaClock.Appointment, BreachedBy(kept, TimeSpan.FromHours(3)));

        // Moved before it was due (a reschedule with notice): the new visit's clock runs instead.
        var moved = booked with { Appointment = visit.AddHours(5) };
        Assert.DoesNotContain(SlaClock.Appointment, BreachedBy(moved, TimeSpan.FromHours(3)));
        Assert.Contains(SlaClock.Appointment, BreachedBy(moved, TimeSpan.FromHours(7.5)));
    }

    [Fact]
    public void Each_missed_appointment_is_a_breach_of_its_own()
    {
        var first = Order() with { Appointment = Reported.AddHours(1) };
        var known = SlaClocks.Breaches(Policy, first, None, Reported.AddHours(2)).Select(b => b.Key).ToHashSet();

        // The crew came at the first visit, nobody home; the second visit is missed too.
        var second = first with { OnSiteAt = Reported.AddHours(3), LastOnSiteAt = Reported.AddHours(3), Appointment = Reported.AddHours(6) };
        var again = SlaClocks.Breaches(Policy, second, known, Reported.AddHours(7));

        Assert.Equal(SlaClock.Appointment, Assert.Single(again).Clock);
        Assert.DoesNotContain(again[0].Key, known);
    }

    [Fact]
    public void A_limit_that_is_not_positive_is_named_in_the_problems()
    {
        var policy = new SlaPolicy { Major = new SlaLimits { Response = TimeSpan.FromHours(1), OnSite = TimeSpan.Zero, Resolution = TimeSpan.FromHours(2) } };

        Assert.Equal(["WorkOrders:Sla:Major:OnSite: must be a positive time span such as 04:00:00"], policy.Problems());
    }
}
