namespace FacilityHub.Domain.Maintenance;

/// <summary>Booking rules of a team's appointments (DOMAIN.md: appointments keep at least 30 minutes of slack): a visit
/// lies within one working day; each visit holds a crew from its start until its end plus the slack, and at no moment
/// are more crews held than the team's capacity. With capacity 1 that is one visit after another, the slack between them.</summary>
public static class AppointmentBook
{
    /// <summary>Visits start on this grid of local time within the working day.</summary>
    public static readonly TimeSpan Grid = TimeSpan.FromMinutes(30);

    /// <summary>How far ahead a free slot is looked for before giving up.</summary>
    public static readonly TimeSpan Horizon = TimeSpan.FromDays(366);

    /// <summary>Why the visit cannot be booked, or null when it can. Bookings of the same order (its earlier visit) do not count.</summary>
    public static string? Problem(MaintenanceTeam team, IEnumerable<Appointment> bookings, Appointment visit, TimeSpan slack)
    {
        if (visit.End <= visit.Start) return "the visit must end after it starts";
        if (!team.IsWithinWorkingHours(visit.Start, visit.Duration))
        {
            return $"team {team.Id} works {string.Join(",", team.WorkingDays.OrderBy(d => ((int)d + 6) % 7).Select(d => d.ToString()[..3]))} {team.DayStart:HH:mm}-{team.DayEnd:HH:mm} ({team.TimeZone.Id}): the visit is outside its working hours";
        }
        var others = bookings.Where(b => b.TeamId == team.Id && b.OrderId != visit.OrderId
            && b.Start < visit.End + slack && visit.Start < b.End + slack).ToList();
        if (others.Count < team.Capacity) return null;
        // The busiest moment of the candidate's time held is the start of one of the intervals held.
        var held = others.Append(visit).Select(b => (b.Start, End: b.End + slack)).ToList();
        int peak = held.Where(h => h.Start >= visit.Start && h.Start < visit.End + slack).Append((visit.Start, visit.End + slack))
            .Max(p => held.Count(h => h.Start <= p.Start && p.Start < h.End));
        return peak <= team.Capacity
            ? null
            : $"team {team.Id} has {team.Capacity} crew{(team.Capacity == 1 ? "" : "s")} and keeps {slack.TotalMinutes:0} minutes between visits: {string.Join(", ", others.Select(o => $"{o.OrderId} {o.Start:u}-{o.End:HH:mm}"))} leave no room";
    }

    /// <summary>The first start at or after <paramref name="earliest"/> on the grid where a visit of <paramref name="duration"/>
    /// fits; null when none does within <see cref="Horizon"/>.</summary>
    public static DateTimeOffset? FirstFree(MaintenanceTeam team, IReadOnlyCollection<Appointment> bookings, string orderId, DateTimeOffset earliest, TimeSpan duration, TimeSpan slack)
    {
        var day = team.LocalDate(earliest);
        var last = team.LocalDate(earliest + Horizon);
        for (; day <= last; day = day.AddDays(1))
        {
            if (!team.WorkingDays.Contains(day.DayOfWeek)) continue;
            var open = team.At(day, team.DayStart);
            var close = team.At(day, team.DayEnd);
            for (var start = open; start + duration <= close; start += Grid)
            {
                if (start < earliest) continue;
                if (Problem(team, bookings, new Appointment(orderId, team.Id, start, start + duration), slack) is null) return start;
            }
        }
        return null;
    }

    /// <summary>The visit of <paramref name="duration"/> at the earliest free slot among <paramref name="teams"/>, each from
    /// its own <paramref name="earliest"/> (the first team listed wins a tie); null when none has room within <see cref="Horizon"/>.</summary>
    public static Appointment? Earliest(IEnumerable<MaintenanceTeam> teams, IReadOnlyCollection<Appointment> bookings, string orderId,
        Func<MaintenanceTeam, DateTimeOffset> earliest, TimeSpan duration, TimeSpan slack)
    {
        Appointment? best = null;
        foreach (var team in teams)
        {
            if (FirstFree(team, bookings, orderId, earliest(team), duration, slack) is { } start && (best is null || start < best.Start))
            {
                best = new Appointment(orderId, team.Id, start, start + duration);
            }
        }
        return best;
    }

    /// <summary>The re-booked visit after nobody was home for <paramref name="missed"/> (DOMAIN.md: a note is left and the
    /// visit re-booked): the same team's first free slot from the local day after the visit (or after now, when recorded
    /// later), since the resident was out that day. The missed visit itself does not count against it.</summary>
    public static Appointment? AfterNoAccess(MaintenanceTeam team, IReadOnlyCollection<Appointment> bookings, Appointment missed, DateTimeOffset now, TimeSpan slack)
    {
        var nextDay = team.At(team.LocalDate(now > missed.Start ? now : missed.Start).AddDays(1), TimeOnly.MinValue);
        return FirstFree(team, bookings, missed.OrderId, nextDay, missed.Duration, slack) is { } start
            ? new Appointment(missed.OrderId, team.Id, start, start + missed.Duration)
            : null;
    }
}
