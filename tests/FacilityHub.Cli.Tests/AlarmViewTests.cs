using FacilityHub.Api.V1;
using FacilityHub.Cli.Alarms;

namespace FacilityHub.Cli.Tests;

public class AlarmViewTests
{
    [Fact]
    public void A_shelved_alarm_shows_until_when()
    {
        var shelved = Samples.BurstPipe();
        shelved.State = AlarmState.Shelved;
        shelved.ShelvedUntil = Samples.At(12, 0, 0);

        var table = AlarmsView.Render([shelved]);

        Assert.Contains("shelved until 2026-11-25 12:00:00Z", table);
    }

    [Fact]
    public void Show_lists_every_transition_with_cause_and_operator()
    {
        var alarm = Samples.BurstPipe();
        alarm.State = AlarmState.ActiveAcknowledged;
        alarm.History.Add(new AlarmTransition { From = AlarmState.Normal, To = AlarmState.ActiveUnacknowledged, At = Samples.At(10, 0, 3), Cause = "condition started", Actor = "system" });
        alarm.History.Add(new AlarmTransition { From = AlarmState.ActiveUnacknowledged, To = AlarmState.ActiveAcknowledged, At = Samples.At(10, 1, 0), Cause = "acknowledged", Actor = "alice", Note = "crew called" });

        var lines = AlarmsView.RenderOne(alarm).Split('\n');

        Assert.Contains(lines, l => l.StartsWith("State ", StringComparison.Ordinal) && l.EndsWith("active_ack", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("normal", StringComparison.Ordinal) && l.Contains("active_unack", StringComparison.Ordinal) && l.Contains("condition started", StringComparison.Ordinal) && l.Contains("system", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("2026-11-25 10:01:00Z", StringComparison.Ordinal) && l.Contains("acknowledged", StringComparison.Ordinal) && l.Contains("alice", StringComparison.Ordinal) && l.Contains("crew called", StringComparison.Ordinal));
    }

    [Fact]
    public void The_watch_board_takes_a_snapshot_then_changes_and_skips_repeats()
    {
        var board = new AlarmBoard();
        var burst = Samples.BurstPipe();
        var motor = Samples.HotMotor();
        motor.State = AlarmState.ReturnedUnacknowledged;

        Assert.True(board.Apply(new AlarmUpdate { Sequence = 5, Alarm = burst, Snapshot = true }));
        Assert.True(board.Apply(new AlarmUpdate { Sequence = 5, SnapshotEnd = true }));
        Assert.True(board.Apply(new AlarmUpdate { Sequence = 6, Alarm = motor }));
        Assert.Equal(2, board.Current.Count);

        // Replayed after a reconnect: already seen, not applied again.
        var stale = motor.Clone();
        stale.State = AlarmState.Normal;
        Assert.False(board.Apply(new AlarmUpdate { Sequence = 6, Alarm = stale }));
        Assert.Equal(2, board.Current.Count);

        // Back to normal: off the board.
        var normal = burst.Clone();
        normal.State = AlarmState.Normal;
        Assert.True(board.Apply(new AlarmUpdate { Sequence = 7, Alarm = normal }));
        Assert.Equal(["pump-1/motor_hot/3"], board.Current.Select(a => a.AlarmId));
        Assert.Equal(7UL, board.Sequence);
    }

    [Fact]
    public void A_fresh_snapshot_replaces_the_board_even_when_empty()
    {
        var board = new AlarmBoard();
        board.Apply(new AlarmUpdate { Sequence = 3, Alarm = Samples.BurstPipe(), Snapshot = true });
        board.Apply(new AlarmUpdate { Sequence = 3, SnapshotEnd = true });

        // The hub no longer had the changes since #3 (e.g. it restarted): an empty snapshot at #1.
        Assert.True(board.Apply(new AlarmUpdate { Sequence = 1, SnapshotEnd = true }));

        Assert.Empty(board.Current);
        Assert.Equal(1UL, board.Sequence);
    }
}
