namespace FacilityHub.FleetSimulator.Generation;

/// <summary>The faults <c>--inject</c> knows, with the effect each has on the signals.</summary>
public static class FaultCatalog
{
    /// <summary>All known faults.</summary>
    public static IReadOnlyList<FaultSpec> All { get; } =
    [
        // The pipe downstream bursts: no back-pressure, so pressure collapses and flow runs away.
        // Falls below the hub's 1.0 bar rule within two readings (Response 0.7 on the pump).
        new("burst_pipe", "water pump: outlet pressure collapses to ~0.3 bar, flow jumps to ~60 m3/h",
            [new("outlet_pressure_bar", 0.3, 0.03), new("flow_m3h", 60, 1.5)]),
        // Suction side empty: no flow although the motor runs; the pump rattles and heats up.
        // Pressure sags but stays above the burst-pipe threshold so the two faults stay distinct.
        new("dry_run", "water pump: flow drops to 0 while running, vibration and motor temperature rise",
            [new("flow_m3h", 0, 0), new("outlet_pressure_bar", 2.5, 0.1), new("vibration_mm_s", 4.5, 0.3), new("motor_temp_c", 70, 0.5)]),
        // Winding overheats (blocked cooling, overload): well above the 90 degC rule, reached in about ten readings.
        new("motor_overheat", "water pump: motor temperature climbs to ~105 degC",
            [new("motor_temp_c", 105, 0.5)]),
        // Bearing wear compressed in time: the months-long climb through ISO 10816 zones C and D takes a few readings.
        new("bearing_wear", "water pump: vibration climbs to ~8.5 mm/s (ISO 10816 zone D)",
            [new("vibration_mm_s", 8.5, 0.2)]),
        new("wash_heater_failure", "dishwasher: wash tank temperature falls to ~45 degC",
            [new("wash_temp_c", 45, 0.4)]),
        new("rinse_too_cold", "dishwasher: final rinse falls to ~75 degC (below the 82 degC hygiene limit)",
            [new("rinse_temp_c", 75, 0.3)]),
        new("abnormal_noise", "dishwasher: one abnormal_noise event", [], Event: "abnormal_noise"),
        new("tamper", "home alarm: one tamper event", [], Event: "tamper"),
        // Reported with the panel's sparse battery telemetry (every 10th interval and the first).
        new("low_battery", "home alarm: battery drops to ~10 %", [new("battery_pct", 10, 0.2)]),
        // The device sends nothing while the fault lasts: the kind's stale (offline) rule should notice.
        new("device_silent", "any device: stops publishing", [], Silent: true),
        new("intrusion", "home alarm: intrusion zone tripped", [], Zone: "intrusion"),
        new("smoke", "home alarm: smoke zone tripped", [], Zone: "smoke"),
        new("gas", "home alarm: gas zone tripped", [], Zone: "gas"),
        new("panic", "home alarm: panic button pressed", [], Zone: "panic"),
    ];

    /// <summary>The fault called <paramref name="name"/>, or null.</summary>
    public static FaultSpec? Find(string name) => All.FirstOrDefault(f => f.Name == name);
}
