using System.CommandLine;
using FacilityHub.Api.V1;
using FacilityHub.Cli.Hub;
using Grpc.Core;

namespace FacilityHub.Cli.Alarms;

/// <summary>fhub alarms watch --site S: the site's alarms live. On a terminal the table is redrawn at every
/// change; otherwise each change is one line. A lost connection is resumed from the last sequence number
/// received, so nothing is missed or shown twice.</summary>
internal static class AlarmWatchCommand
{
    private static readonly TimeSpan ReconnectDelay = TimeSpan.FromSeconds(1);

    public static Command Create(CliContext context)
    {
        var site = new Option<string>("--site") { Description = "The site to watch.", HelpName = "ID", Required = true };
        var command = new Command("watch", "Show the site's alarms live until Ctrl-C.") { site };
        command.SetAction((parseResult, ct) => context.CallHubAsync(parseResult, async (channel, ct) =>
        {
            var client = new AlarmService.AlarmServiceClient(channel);
            var board = new AlarmBoard();
            string siteId = parseResult.GetValue(site)!;
            while (true)
            {
                try
                {
                    using var call = client.WatchAlarms(new WatchAlarmsRequest { SiteId = siteId, AfterSequence = board.Sequence }, cancellationToken: ct);
                    await foreach (var update in call.ResponseStream.ReadAllAsync(ct))
                    {
                        if (board.Apply(update)) await ShowAsync(context, siteId, board, update);
                    }
                }
                catch (RpcException e) when (HubErrors.IsUnreachable(e) || e.StatusCode is StatusCode.Unavailable or StatusCode.Internal)
                {
                    // The hub restarted or the connection dropped: resume after the last sequence shown.
                    await context.Error.WriteLineAsync($"fhub: lost the hub ({HubErrors.CodeName(e.StatusCode)}); resuming after #{board.Sequence}");
                }
                await Task.Delay(ReconnectDelay, context.Time, ct);
            }
        }, ct, endless: true));
        return command;
    }

    private static async Task ShowAsync(CliContext context, string siteId, AlarmBoard board, AlarmUpdate update)
    {
        if (context.LiveTerminal)
        {
            // Redraw when a snapshot is complete or a change arrives; not for each row of a snapshot.
            if (update.Snapshot) return;
            await context.Output.WriteAsync("\u001b[H\u001b[2J");
            await context.Output.WriteLineAsync($"Alarms on {siteId} at #{board.Sequence} ({board.Current.Count} not normal). Ctrl-C to stop.");
            await context.Output.WriteAsync(board.Current.Count == 0 ? "No alarms.\n" : AlarmsView.Render(board.Current));
        }
        else if (!update.SnapshotEnd)
        {
            await context.Output.WriteLineAsync(AlarmsView.Line(update));
        }
    }
}

/// <summary>The watcher's picture of a site's alarms: every alarm not in normal, by id.</summary>
public sealed class AlarmBoard
{
    private readonly Dictionary<string, Alarm> _alarms = new(StringComparer.Ordinal);

    /// <summary>The last sequence number received; 0 before anything.</summary>
    public ulong Sequence { get; private set; }

    /// <summary>The alarms not in normal, newest first.</summary>
    public IReadOnlyList<Alarm> Current =>
        [.. _alarms.Values.OrderByDescending(a => a.RaisedAt?.ToDateTimeOffset()).ThenBy(a => a.AlarmId, StringComparer.Ordinal)];

    private bool _inSnapshot;

    /// <summary>Takes one update in; false for a change already seen (a repeat after a reconnect).</summary>
    public bool Apply(AlarmUpdate update)
    {
        if (update.Snapshot || update.SnapshotEnd)
        {
            // A snapshot replaces the whole picture; an empty one is just its end marker.
            if (!_inSnapshot) _alarms.Clear();
            _inSnapshot = update.Snapshot;
        }
        else if (update.Sequence <= Sequence)
        {
            return false;
        }
        Sequence = update.Sequence;
        if (update.Alarm is { } alarm)
        {
            if (alarm.State == AlarmState.Normal) _alarms.Remove(alarm.AlarmId);
            else _alarms[alarm.AlarmId] = alarm;
        }
        return true;
    }
}
