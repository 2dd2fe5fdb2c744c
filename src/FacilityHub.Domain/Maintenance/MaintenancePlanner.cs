using System.Globalization;
using FacilityHub.Domain.Topology;

namespace FacilityHub.Domain.Maintenance;

/// <summary>Makes the preventive-maintenance orders that are due, on whatever clock it is given. A calendar plan's
/// occurrence is made once its date is within the plan's lead of today (the team's local date) and booked on or after
/// that date; a runtime plan's once the item's count reaches it, booked at the first free slot. Each order goes to a
/// team with the plan's skill (the one with the earliest free slot) and is booked by <see cref="AppointmentBook"/>'s rules.
/// An occurrence whose next one is also due by today (the hub was down, or a runtime count jumped) is superseded by
/// it and not made. The caller keeps <c>progress</c> (next occurrence per plan and item) and <c>bookings</c> together:
/// replaying from an older copy of both makes the same order ids again, never new ones.</summary>
public sealed class MaintenancePlanner(MaintenanceSetup setup, IEnumerable<EquipmentItem> items, TimeSpan slack)
{
    private readonly IReadOnlyList<EquipmentItem> _items = [.. items.OrderBy(i => i.Id, StringComparer.Ordinal)];

    public static string ProgressKey(string planId, string equipmentId) => $"{planId}|{equipmentId}";

    public IReadOnlyList<ScheduledOrder> Plan(
        DateTimeOffset now, IDictionary<string, long> progress, ICollection<Appointment> bookings, IReadOnlyDictionary<string, RuntimeMeter> meters)
    {
        var made = new List<ScheduledOrder>();
        foreach (var plan in setup.Plans)
        {
            var teams = setup.TeamsWith(plan.Skill).ToList();
            if (teams.Count == 0) continue;
            foreach (var item in _items.Where(plan.Covers))
            {
                string key = ProgressKey(plan.Id, item.Id);
                if (plan.Calendar is { } calendar) PlanCalendar(plan, calendar, item, key, teams, now, progress, bookings, made);
                else if (plan.Runtime is { } runtime) PlanRuntime(plan, runtime, item, key, teams, now, progress, bookings, meters, made);
            }
        }
        return made;
    }

    private void PlanCalendar(MaintenancePlan plan, CalendarSchedule calendar, EquipmentItem item, string key, List<MaintenanceTeam> teams,
        DateTimeOffset now, IDictionary<string, long> progress, ICollection<Appointment> bookings, List<ScheduledOrder> made)
    {
        var today = teams[0].LocalDate(now);
        var horizon = teams[0].LocalDate(now + plan.Lead);
        if (!progress.TryGetValue(key, out long next)) next = calendar.FirstIndexOnOrAfter(today);
        while (calendar.Occurrence(next) <= horizon)
        {
            var date = calendar.Occurrence(next);
            if (date < today && calendar.Occurrence(next + 1) <= today)
            {
                next++; // superseded by a later occurrence due already
                continue;
            }
            string occurrence = date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            if (!Book(plan, item, occurrence, d => d.At(date, TimeOnly.MinValue), teams, now, bookings, made)) break;
            next++;
        }
        progress[key] = next;
    }

    private void PlanRuntime(MaintenancePlan plan, RuntimeSchedule runtime, EquipmentItem item, string key, List<MaintenanceTeam> teams,
        DateTimeOffset now, IDictionary<string, long> progress, ICollection<Appointment> bookings, IReadOnlyDictionary<string, RuntimeMeter> meters, List<ScheduledOrder> made)
    {
        double count = runtime.Count(meters.GetValueOrDefault(item.Id, RuntimeMeter.Zero), now);
        if (!progress.TryGetValue(key, out long next)) next = 1;
        long reached = (long)Math.Floor(count / runtime.Every);
        if (reached < next)
        {
            progress[key] = next;
            return;
        }
        // Only the latest count reached is made; earlier ones it supersedes.
        if (Book(plan, item, runtime.Label(reached), _ => now, teams, now, bookings, made)) next = reached + 1;
        progress[key] = next;
    }

    private bool Book(MaintenancePlan plan, EquipmentItem item, string occurrence, Func<MaintenanceTeam, DateTimeOffset> due,
        List<MaintenanceTeam> teams, DateTimeOffset now, ICollection<Appointment> bookings, List<ScheduledOrder> made)
    {
        string id = ScheduledOrder.IdOf(item.Id, plan.Id, occurrence);
        var appointment = AppointmentBook.Earliest(teams, bookings.ToList(), id, team => due(team) > now ? due(team) : now, plan.Duration, slack);
        if (appointment is null) return false;
        bookings.Add(appointment);
        made.Add(new ScheduledOrder(id, plan.Id, item.Id, occurrence, due(teams.First(t => t.Id == appointment.TeamId)), appointment));
        return true;
    }
}
