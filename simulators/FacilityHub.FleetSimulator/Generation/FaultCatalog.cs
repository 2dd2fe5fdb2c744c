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
        // The dishwasher faults show only on a running machine (the hub gates their rules on conveyor_running): outside a
        // meal period they put the machine into service for as long as they last, as kitchen staff would to reproduce them.
        new("wash_heater_failure", "dishwasher: runs, wash tank temperature falls to ~45 degC",
            [new("wash_temp_c", 45, 0.4)], InService: true),
        new("rinse_too_cold", "dishwasher: runs, final rinse falls to ~75 degC (below the 82 degC hygiene limit)",
            [new("rinse_temp_c", 75, 0.3)], InService: true),
        new("abnormal_noise", "dishwasher: runs, one abnormal_noise event", [], Event: "abnormal_noise", InService: true),
        new("tamper", "home alarm: one tamper event", [], Event: "tamper"),
        // Reported with the panel's sparse battery telemetry (every 10th interval and the first).
        new("low_battery", "home alarm: battery drops to ~10 %", [new("battery_pct", 10, 0.2)]),
        // The device sends nothing while the fault lasts: the kind's stale (offline) rule should notice.
        new("device_silent", "any device: stops publishing", [], Silent: true),
        // Low suction pressure: vapour bubbles collapse in the impeller. Pressure and flow sag and jump about, vibration
        // rises; flow stays far above a dry run's and pressure above a burst pipe's.
        new("cavitation", "water pump: pressure sags to ~2.9 bar and fluctuates, flow ~16 m3/h, vibration ~4.5 mm/s",
            [new("outlet_pressure_bar", 2.9, 0.25), new("flow_m3h", 16, 1.5), new("vibration_mm_s", 4.5, 0.3)]),
        // The transducer hangs: the device keeps sending its last pressure reading while the pump runs on.
        new("stuck_sensor", "water pump: outlet pressure frozen at its last reading", [], Frozen: "outlet_pressure_bar"),
        // A loose vibration probe: readings jump around the healthy level, up into ISO zone C now and then.
        // The rules' delays must keep this from chattering.
        new("noisy_sensor", "water pump: vibration reads 2.0 mm/s with large noise (up to ~3.8)", [new("vibration_mm_s", 2.0, 0.6)]),
        // Kitchen staff skip the wash-water changes: the dishwasher sends no water_changed events.
        new("missed_water_changes", "dishwasher: no water_changed events", [], Suppressed: "water_changed"),
        // The resident arms or disarms the panel (not a fault: put it before an intrusion to drill the arming rule).
        new("arm", "home alarm: panel armed (one armed event)", [], Event: "armed"),
        new("disarm", "home alarm: panel disarmed (one disarmed event)", [], Event: "disarmed"),
        // Message faults: the readings themselves stay healthy; the hub must reject and count the bad copies and keep the rest.
        new("malformed_payloads", "any device: each reading followed by a malformed one", [], Messages: MessageFault.Malformed),
        new("oversized_payloads", "any device: each reading followed by one over 16 KiB", [], Messages: MessageFault.Oversized),
        new("duplicate_messages", "any device: every message sent twice", [], Messages: MessageFault.Duplicate),
        new("out_of_order", "any device: readings sent in swapped pairs, the older after the newer", [], Messages: MessageFault.OutOfOrder),
        new("intrusion", "home alarm: intrusion zone tripped", [], Zone: "intrusion"),
        new("smoke", "home alarm: smoke zone tripped", [], Zone: "smoke"),
        new("gas", "home alarm: gas zone tripped", [], Zone: "gas"),
        new("panic", "home alarm: panic button pressed", [], Zone: "panic"),
    ];

    /// <summary>The fault called <paramref name="name"/>, or null.</summary>
    public static FaultSpec? Find(string name) => All.FirstOrDefault(f => f.Name == name);
}
