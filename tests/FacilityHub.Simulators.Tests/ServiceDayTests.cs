using System.Text;
using FacilityHub.Domain.Alarms;
using FacilityHub.Domain.Telemetry;
using FacilityHub.Domain.Topology;
using FacilityHub.FleetSimulator.Generation;
using FacilityHub.FleetSimulator.Topology;

namespace FacilityHub.Simulators.Tests;

/// <summary>A canteen dishwasher over a simulated day, on virtual time. The clubhouse canteen's own meal periods (its
/// override in deploy/topology.json, Asia/Shanghai, UTC+8): breakfast 07:00-09:30 (4 water changes required), lunch
/// 11:30-14:30 (6), dinner 17:30-20:30 (4). What it sends is also judged by the hub's own rules (the domain's
/// <see cref="EquipmentMonitor"/> with the item's rules from the same file), as the hub would judge it.</summary>
public sealed class ServiceDayTests
{
    private const string Canteen = "rs-club-dishwasher-1";
    private static readonly DateTimeOffset Midnight = new(2026, 11, 25, 0, 0, 0, TimeSpan.FromHours(8));
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(30);

    private static readonly (string Name, TimeSpan Start, TimeSpan End)[] Meals =
    [
        ("breakfast", TimeSpan.FromHours(7), TimeSpan.FromHours(9.5)),
        ("lunch", TimeSpan.FromHours(11.5), TimeSpan.FromHours(14.5)),
        ("dinner", TimeSpan.FromHours(17.5), TimeSpan.FromHours(20.5)),
    ];

    private static DeviceSimulator Dishwasher(int seed = 7) =>
        new FleetGenerator(FleetTopology.LoadAsync(RepoFiles.Topology, CancellationToken.None).GetAwaiter().GetResult(), seed).Device(Canteen);

    private static string? MealAt(DateTimeOffset at) =>
        Meals.Where(m => at >= Midnight + m.Start && at < Midnight + m.End).Select(m => m.Name).FirstOrDefault();

    private static List<FleetMessage> Run(DeviceSimulator device, DateTimeOffset from, TimeSpan length)
    {
        var messages = new List<FleetMessage>();
        for (var at = from; at < from + length; at += Interval)
        {
            messages.AddRange(device.Next(at));
        }

        return messages;
    }

    private static List<FleetMessage> Day(DeviceSimulator device) => Run(device, Midnight, TimeSpan.FromDays(1));

    // The hub's verdicts on what the device sent, each message judged at its own time, the clock ticked in between.
    private static List<ConditionChange> Judge(DateTimeOffset monitorStart, IEnumerable<FleetMessage> messages, DateTimeOffset until)
    {
        Assert.True(TopologyLoader.LoadFile(RepoFiles.Topology).TryGetEquipment(Canteen, out var item));
        var monitor = new EquipmentMonitor(item.Kind, monitorStart);
        var changes = new List<ConditionChange>();
        void TickUntil(DateTimeOffset now)
        {
            for (var i = 0; i < 10_000 && monitor.NextDueAt is { } due && due <= now; i++)
            {
                changes.AddRange(monitor.Tick(due));
            }
        }

        foreach (var message in messages)
        {
            TickUntil(message.Timestamp);
            changes.AddRange(message switch
            {
                TelemetryMessage t => monitor.Observe(new TelemetryReading(Canteen, t.Timestamp, [.. t.Values.Select(v => new MetricValue(v.Key, v.Value))]), t.Timestamp),
                EventMessage e => monitor.Observe(new DeviceEvent(Canteen, e.Timestamp, e.Event, e.Zone), e.Timestamp),
                _ => throw new InvalidOperationException(message.GetType().Name),
            });
        }

        TickUntil(until);
        return [.. changes.Where(c => c.Active)];
    }

    private static string Describe(IEnumerable<ConditionChange> alarms) =>
        string.Join("; ", alarms.Select(a => $"{a.Rule.Id} at {a.At:u}: {a.Message}"));

    [Fact]
    public void The_conveyor_runs_in_the_canteens_meal_periods_and_stands_still_between_them()
    {
        var readings = Day(Dishwasher()).OfType<TelemetryMessage>().ToList();

        Assert.Equal(2880, readings.Count);
        Assert.All(readings, r => Assert.True((MealAt(r.Timestamp) is null ? 0 : 1) == r.Value("conveyor_running"), $"conveyor {r.Value("conveyor_running")} at {r.Timestamp:HH:mm} local"));
        Assert.Equal(3 * 360 - 60, readings.Count(r => r.Value("conveyor_running") == 1)); // 2.5 h + 3 h + 3 h of 30-second readings
    }

    [Fact]
    public void In_service_the_tanks_are_at_hygiene_temperatures_from_the_first_reading_of_every_meal()
    {
        var running = Day(Dishwasher()).OfType<TelemetryMessage>().Where(r => r.Value("conveyor_running") == 1).ToList();

        Assert.All(running, r => Assert.InRange(r.Value("wash_temp_c")!.Value, 62, 68));
        Assert.All(running, r => Assert.InRange(r.Value("rinse_temp_c")!.Value, 82.5, 86));
        foreach (var (name, start, _) in Meals)
        {
            var first = running.First(r => MealAt(r.Timestamp) == name);
            Assert.Equal(Midnight + start, first.Timestamp);
            Assert.True(first.Value("wash_temp_c") >= 62 && first.Value("rinse_temp_c") >= 82.5, $"{name} starts cold: {string.Join(", ", first.Values)}");
        }
    }

    [Fact]
    public void Between_meals_the_tanks_cool_towards_the_kitchen_and_heat_up_half_an_hour_before_the_next_meal()
    {
        var device = Dishwasher();
        var readings = Day(device).OfType<TelemetryMessage>().ToDictionary(r => r.Timestamp - Midnight);
        double Wash(double hours) => readings[TimeSpan.FromHours(hours)].Value("wash_temp_c")!.Value;
        double Rinse(double hours) => readings[TimeSpan.FromHours(hours)].Value("rinse_temp_c")!.Value;

        // Night: hours after dinner, near the kitchen's 25 degC.
        Assert.InRange(Wash(4), 23, 28);
        Assert.InRange(Rinse(4), 23, 28);
        // An hour after breakfast: on the way down, still warm.
        Assert.InRange(Wash(10.5), 35, 45);
        Assert.InRange(Rinse(10.5), 38, 55);
        // Lunch heat-up: heaters on at 11:00, climbing, at temperature before 11:30.
        Assert.Equal(ServicePhase.Idle, device.PhaseAt(Midnight.AddHours(10.9)));
        Assert.Equal(ServicePhase.Heating, device.PhaseAt(Midnight.AddHours(11.1)));
        Assert.True(Wash(11) < Wash(11.2) && Wash(11.2) < Wash(11.35), $"{Wash(11)}, {Wash(11.2)}, {Wash(11.35)}");
        Assert.InRange(Wash(11.475), 63, 67);
        Assert.InRange(Rinse(11.475), 82.5, 86);
        Assert.Equal(0, readings[TimeSpan.FromHours(11.475)].Value("conveyor_running"));
    }

    [Fact]
    public void Water_is_changed_inside_every_meal_once_more_than_the_hubs_rule_requires_and_never_between_meals()
    {
        var changes = Day(Dishwasher()).OfType<EventMessage>().ToList();

        Assert.All(changes, e => Assert.Equal(DeviceSimulator.WaterChangedEvent, e.Event));
        Assert.All(changes, e => Assert.NotNull(MealAt(e.Timestamp)));
        Assert.Equal(5, changes.Count(e => MealAt(e.Timestamp) == "breakfast"));
        Assert.Equal(7, changes.Count(e => MealAt(e.Timestamp) == "lunch"));
        Assert.Equal(5, changes.Count(e => MealAt(e.Timestamp) == "dinner"));
        // Evenly spread: none in the first or last ten minutes of a meal, where a late message could miss it.
        Assert.All(changes, e => Assert.Equal(MealAt(e.Timestamp), MealAt(e.Timestamp.AddMinutes(-10))));
        Assert.All(changes, e => Assert.Equal(MealAt(e.Timestamp), MealAt(e.Timestamp.AddMinutes(10))));
    }

    [Fact]
    public void A_simulated_day_raises_none_of_the_hubs_dishwasher_rules()
    {
        var day = Day(Dishwasher(seed: 3));

        var alarms = Judge(Midnight, day, Midnight.AddDays(1));

        Assert.True(alarms.Count == 0, Describe(alarms));
    }

    [Fact]
    public void Missed_water_changes_at_lunch_are_found_by_the_hubs_compliance_rule_and_nothing_else_is()
    {
        var device = Dishwasher();
        var fault = FaultCatalog.Find("missed_water_changes")!;
        var messages = Run(device, Midnight, TimeSpan.FromHours(11.6));
        messages.AddRange(device.StartFault(fault, Midnight.AddHours(11.6)));
        messages.AddRange(Run(device, Midnight.AddHours(11.6), TimeSpan.FromHours(2.9)));
        messages.AddRange(device.ClearFault(fault, Midnight.AddHours(14.5)));
        messages.AddRange(Run(device, Midnight.AddHours(14.5), TimeSpan.FromHours(9.5)));

        var alarms = Judge(Midnight, messages, Midnight.AddDays(1));

        var finding = Assert.Single(alarms);
        Assert.Equal(("water_changes", "lunch", Midnight.AddHours(14.5)), (finding.Rule.Id, finding.Period?.Period.Name, finding.At));
        Assert.Contains("0 water_changed, 6 required", finding.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("wash_heater_failure", "wash_temp_low")]
    [InlineData("rinse_too_cold", "rinse_temp_low")]
    [InlineData("abnormal_noise", "abnormal_noise")]
    public void A_dishwasher_fault_in_the_night_runs_the_machine_so_the_hub_sees_that_fault_and_only_that(string faultName, string rule)
    {
        var device = Dishwasher();
        var fault = FaultCatalog.Find(faultName)!;
        var at = Midnight.AddHours(3);
        var messages = Run(device, Midnight.AddHours(2), TimeSpan.FromHours(1));

        var started = device.StartFault(fault, at);
        messages.AddRange(started);
        var during = Run(device, at, TimeSpan.FromMinutes(10));
        messages.AddRange(during);
        messages.AddRange(device.ClearFault(fault, at.AddMinutes(10)));
        var after = Run(device, at.AddMinutes(10), TimeSpan.FromMinutes(30));
        messages.AddRange(after);
        var alarms = Judge(Midnight.AddHours(2), messages, at.AddMinutes(40));

        // Started by the kitchen: a reading of the running machine at service temperatures comes before the fault shows.
        var start = Assert.IsType<TelemetryMessage>(started[0]);
        Assert.Equal((1.0, 65.0, 84.0), (start.Value("conveyor_running"), start.Value("wash_temp_c"), start.Value("rinse_temp_c")));
        Assert.All(during.OfType<TelemetryMessage>(), r => Assert.Equal(1, r.Value("conveyor_running")));
        Assert.All(after.OfType<TelemetryMessage>(), r => Assert.Equal(0, r.Value("conveyor_running")));
        Assert.True(alarms.Count == 1 && alarms[0].Rule.Id == rule, Describe(alarms));
    }

    [Fact]
    public void A_run_that_starts_mid_lunch_sends_the_changes_already_due_so_the_hub_counts_that_lunch_right()
    {
        var device = Dishwasher();
        var from = Midnight.AddHours(13.5);

        var first = device.Next(from).OfType<EventMessage>().ToList();
        var messages = new List<FleetMessage>(first);
        messages.AddRange(Run(device, from + Interval, TimeSpan.FromHours(2)));
        // The hub was watching before lunch began; the fleet came up two hours into it.
        var alarms = Judge(Midnight.AddHours(11), messages, Midnight.AddHours(15.5));

        Assert.Equal(5, first.Count);
        Assert.Equal(5, first.Select(e => e.Timestamp).Distinct().Count());
        Assert.All(first, e => Assert.InRange(e.Timestamp, from.AddSeconds(-1), from));
        Assert.True(alarms.Count == 0, Describe(alarms));
    }

    [Theory]
    [InlineData(3.0)] // night: idle and cold
    [InlineData(11.1)] // heating up for lunch
    [InlineData(12.0)] // lunch
    [InlineData(14.49)] // the end of lunch falls inside the drill
    public async Task The_dishwasher_drill_scenario_raises_its_two_alarms_and_no_other_at_any_time_of_day(double localHour)
    {
        var folder = RepoFiles.Folder(Path.Combine("simulators", "scenarios"));
        var scenario = await FacilityHub.FleetSimulator.Drills.ScenarioFile.LoadAsync(Path.Combine(folder, "dishwasher-faults.json"), CancellationToken.None);
        var topology = await FleetTopology.LoadAsync(RepoFiles.Topology, CancellationToken.None);
        var plan = FacilityHub.FleetSimulator.Drills.ScenarioFile.Plan(scenario, topology);
        var device = new FleetGenerator(topology, scenario.Seed!.Value).Device(Canteen);
        var start = Midnight.AddHours(localHour);
        var messages = new List<FleetMessage>();

        for (var elapsed = TimeSpan.Zero; elapsed < TimeSpan.FromSeconds(scenario.DurationS); elapsed += TimeSpan.FromSeconds(scenario.IntervalS!.Value))
        {
            foreach (var transition in plan.TakeDue(elapsed))
            {
                messages.AddRange(transition.Starts ? device.StartFault(transition.Fault, start + elapsed) : device.ClearFault(transition.Fault, start + elapsed));
            }

            messages.AddRange(device.Next(start + elapsed));
        }

        var alarms = Judge(start.AddMinutes(-1), messages, start.AddSeconds(scenario.DurationS));

        Assert.True(alarms.Select(a => a.Rule.Id).SequenceEqual(["wash_temp_low", "rinse_temp_low"]), Describe(alarms));
        Assert.InRange(alarms[0].At - start, TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(10));
        Assert.InRange(alarms[1].At - start, TimeSpan.FromSeconds(35), TimeSpan.FromSeconds(65));
    }

    [Fact]
    public void Back_to_back_short_periods_keep_the_machine_running_with_two_changes_in_each()
    {
        // As the end-to-end suite drills missed water changes: 4-second periods (UTC), one change required in each.
        var periods = string.Join(",", Enumerable.Range(0, 15).Select(i =>
            $$"""{ "name": "m{{i}}", "start": "10:00:{{4 * i:00}}", "end": "10:00:{{(4 * i) + 4:00}}", "min": 1 }""")).Replace("10:00:60", "10:01:00", StringComparison.Ordinal);
        var topology = FleetTopology.Parse($$"""
            {
              "kinds": { "dishwasher": {
                "metrics": { "wash_temp_c": { "unit": "degC", "min": 0, "max": 110 }, "rinse_temp_c": { "unit": "degC", "min": 0, "max": 110 },
                             "conveyor_running": { "unit": "bool", "min": 0, "max": 1 } },
                "events": [ "water_changed" ],
                "rules": [ { "id": "water_changes", "type": "compliance", "event": "water_changed", "timezone": "UTC", "periods": [ {{periods}} ],
                             "only_when": [ { "metric": "conveyor_running", "equals": 1 } ], "fault": "water_change_missed", "priority": "low" } ] } },
              "sites": [ { "id": "s", "buildings": [ { "id": "b", "equipment": [ { "id": "dw", "kind": "dishwasher" } ] } ] } ]
            }
            """);
        var device = new FleetGenerator(topology, seed: 5).Device("dw");
        var start = new DateTimeOffset(2026, 11, 25, 10, 0, 0, TimeSpan.Zero);

        var before = Assert.IsType<TelemetryMessage>(Assert.Single(device.Next(start.AddSeconds(-20))));
        var during = Enumerable.Range(0, 120).SelectMany(i => device.Next(start.AddSeconds(i * 0.5))).ToList();

        Assert.Equal((0.0, ServicePhase.Heating), (before.Value("conveyor_running")!.Value, device.PhaseAt(start.AddSeconds(-20))));
        Assert.InRange(before.Value("rinse_temp_c")!.Value, 82.5, 86);
        Assert.All(during.OfType<TelemetryMessage>(), r => Assert.Equal(1, r.Value("conveyor_running")));
        var changes = during.OfType<EventMessage>().Select(e => (e.Timestamp - start).TotalSeconds).ToList();
        Assert.Equal(Enumerable.Range(0, 15).SelectMany(i => new[] { (4 * i) + 1.0, (4 * i) + 3.0 }), changes);
    }

    [Fact]
    public void The_same_seed_gives_the_same_day_and_another_seed_another()
    {
        static List<string> Wire(int seed) =>
            [.. Day(Dishwasher(seed)).Select(m => m.Topic + " " + Encoding.UTF8.GetString(PayloadWriter.ToJson(m)))];

        var first = Wire(42);

        Assert.Equal(first, Wire(42));
        Assert.NotEqual(first, Wire(43));
    }
}
