using System.CommandLine;
using System.Globalization;
using FacilityHub.Domain.Alarms;
using FacilityHub.Domain.Telemetry;
using FacilityHub.Domain.Topology;
using FacilityHub.FleetSimulator.Sizing;
using FacilityHub.Ingestion.Mqtt;
using FacilityHub.Ingestion.Pipeline;

namespace FacilityHub.Bench;

/// <summary>
/// <c>state-bytes --alarm-points 100000</c>: what our own per-item state costs, without servers, in seconds. Generates
/// the estate as the benchmark does (<see cref="SizedTopology"/>), builds an <see cref="EquipmentMonitor"/> per home
/// alarm point and feeds it and the ingestion's <see cref="DuplicateFilter"/> what the hub would (a heartbeat and a
/// battery reading; <c>--rounds</c> more heartbeats 30 s apart, as a panel sends over the filter's 10-minute window),
/// and prints live bytes per item (<c>GC.GetTotalMemory(true)</c> difference / items). Orleans' activation and the
/// equipment grain's own fields are not in it (a gcdump of the hub has them).
/// </summary>
internal static class StateBytesCommand
{
    private static readonly DateTimeOffset Start = new(2026, 11, 26, 8, 0, 0, TimeSpan.Zero);

    public static Command Create()
    {
        var alarmPoints = new Option<int>("--alarm-points") { Description = "Home alarm points of the generated estate", DefaultValueFactory = _ => 100_000 };
        var rounds = new Option<int>("--rounds") { Description = "Heartbeats per point, 30 s apart (the first with a battery reading)", DefaultValueFactory = _ => 1 };
        var template = new Option<string>("--kinds-from") { Description = "Topology file whose kinds the estate uses", DefaultValueFactory = _ => "deploy/topology.json" };
        var command = new Command("state-bytes", "Live bytes per home alarm point of the hub's own state (rule monitor, duplicate filter, topology item): no servers");
        foreach (var option in new Option[] { alarmPoints, rounds, template })
        {
            command.Options.Add(option);
        }

        command.SetAction(parse =>
        {
            int points = parse.GetValue(alarmPoints);
            int heartbeats = parse.GetValue(rounds);
            if (points < 1 || heartbeats < 1)
            {
                Console.Error.WriteLine("bench: --alarm-points >= 1 and --rounds >= 1, please");
                return 2;
            }
            Run(points, heartbeats, File.ReadAllText(parse.GetValue(template)!));
            return 0;
        });
        return command;
    }

    private static void Run(int points, int rounds, string templateJson)
    {
        long before = GC.GetTotalMemory(true);
        var estate = Generate(points, templateJson);
        long topology = GC.GetTotalMemory(true) - before;
        var alarms = estate.Equipment.Where(e => e.Kind.Name == SizedTopology.AlarmKind).OrderBy(e => e.Id, StringComparer.Ordinal).ToArray();
        var battery = alarms[0].Kind.Metrics.Keys.Single();

        // The filter first, alone, then the monitors: each figure is its own difference.
        before = GC.GetTotalMemory(true);
        var filter = new DuplicateFilter();
        for (int round = 0; round < rounds; round++)
        {
            var at = Start.AddSeconds(30 * round);
            foreach (var item in alarms)
            {
                filter.IsRepeat(item.Id, MessageKind.Event, new ParsedPayload(at, [], [], "heartbeat", null, item.Id), at);
                if (round == 0) filter.IsRepeat(item.Id, MessageKind.Telemetry, new ParsedPayload(at, [new MetricValue(battery, 87)], [], null, null, item.Id), at);
            }
        }
        long filterBytes = GC.GetTotalMemory(true) - before;

        before = GC.GetTotalMemory(true);
        var monitors = new EquipmentMonitor[alarms.Length];
        DateTimeOffset? due = null;
        for (int i = 0; i < alarms.Length; i++)
        {
            monitors[i] = new EquipmentMonitor(alarms[i].Kind, Start);
        }
        for (int round = 0; round < rounds; round++)
        {
            var at = Start.AddSeconds(30 * round);
            for (int i = 0; i < alarms.Length; i++)
            {
                var monitor = monitors[i];
                monitor.Observe(new DeviceEvent(alarms[i].Id, at, "heartbeat", null), at);
                if (round == 0) monitor.Observe(new TelemetryReading(alarms[i].Id, at, [new MetricValue(battery, 87)]), at);
                due = monitor.NextDueAt;
            }
        }
        long monitorBytes = GC.GetTotalMemory(true) - before;

        double Per(long bytes) => (double)bytes / alarms.Length;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"bench: STATE-BYTES {alarms.Length} home alarm points, {rounds} heartbeat(s) + 1 battery reading each: monitor {Per(monitorBytes):0} B, " +
            $"duplicate filter {Per(filterBytes):0} B, together {Per(monitorBytes + filterBytes):0} B per item (topology {Per(topology):0} B per item of the estate, " +
            $"{estate.Equipment.Count()} items; last due {due:HH:mm:ss})"));
        GC.KeepAlive(estate);
        GC.KeepAlive(filter);
        GC.KeepAlive(monitors);
    }

    private static Estate Generate(int points, string templateJson)
    {
        using var json = new MemoryStream();
        // The benchmark's large estate (deploy/bench.sh): 50 sites x 20 buildings.
        SizedTopology.Write(new EstateSize(50, 20, 2, 1, points), templateJson, json);
        return TopologyLoader.Parse(System.Text.Encoding.UTF8.GetString(json.ToArray()));
    }
}
