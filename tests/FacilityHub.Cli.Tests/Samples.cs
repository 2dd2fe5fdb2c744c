using FacilityHub.Api.V1;
using Google.Protobuf.WellKnownTypes;
using DispatchPriority = FacilityHub.Dispatch.V1.WorkOrderPriority;

namespace FacilityHub.Cli.Tests;

/// <summary>Response messages as the hub would send them for the sample estate.</summary>
internal static class Samples
{
    public static Timestamp At(int hour, int minute, int second, int millisecond = 0) =>
        Timestamp.FromDateTimeOffset(new DateTimeOffset(2026, 11, 25, hour, minute, second, millisecond, TimeSpan.Zero));

    public static GetAssetTreeResponse Tree() => new()
    {
        Sites =
        {
            new Site
            {
                SiteId = "riverside",
                Name = "Riverside Park",
                Buildings =
                {
                    new Building
                    {
                        BuildingId = "block-1",
                        Name = "Block 1",
                        Equipment =
                        {
                            new EquipmentSummary { EquipmentId = "pump-1", Kind = "water_pump", Name = "Booster pump 1", Location = "B1 pump room" },
                            new EquipmentSummary { EquipmentId = "alarm-1203", Kind = "home_alarm", Name = "Home alarm 1203", Location = "Room 1203" },
                        },
                    },
                    new Building { BuildingId = "block-2", Name = "Block 2" },
                },
            },
        },
    };

    /// <summary>A day of riverside: one flood, a chattering panic button, a stale burst pipe.</summary>
    public static AlarmKpis Kpis() => new()
    {
        SiteId = "riverside",
        WindowStart = At(10, 0, 3) - Duration.FromTimeSpan(TimeSpan.FromHours(24)),
        WindowEnd = At(10, 0, 3),
        Activations = 30,
        AveragePer10Minutes = 30.0 / 144,
        PeakPer10Minutes = 14,
        PeakIntervalStart = At(8, 10, 3),
        Last10Minutes = 2,
        FloodIntervals = 1,
        FloodPeriods = 1,
        PercentTimeInFlood = 100.0 / 144,
        FloodActive = false,
        Chattering =
        {
            new ChatteringAlarm { AlarmTag = "alarm-1203/zone_tripped", Activations = 12, MaxIn60S = 4, LastActivation = At(9, 58, 0) },
        },
        Stale =
        {
            new StaleAlarm
            {
                AlarmTag = "pump-1/pressure_collapse",
                AlarmId = "pump-1/pressure_collapse/1",
                RaisedAt = At(7, 0, 0) - Duration.FromTimeSpan(TimeSpan.FromDays(2)),
                ActiveFor = Duration.FromTimeSpan(new TimeSpan(2, 3, 0, 3)),
            },
        },
        TopTen =
        {
            new FrequentAlarm { AlarmTag = "alarm-1203/zone_tripped", Activations = 12, PercentOfActivations = 40 },
            new FrequentAlarm { AlarmTag = "pump-1/motor_hot", Activations = 3, PercentOfActivations = 10 },
        },
    };

    public static Alarm BurstPipe() => new()
    {
        AlarmId = "pump-1/pressure_collapse/1",
        SiteId = "riverside",
        BuildingId = "block-1",
        EquipmentId = "pump-1",
        RuleId = "pressure_collapse",
        FaultCode = "burst_pipe",
        Priority = AlarmPriority.Emergency,
        State = AlarmState.ActiveUnacknowledged,
        ConditionActive = true,
        Message = "outlet_pressure_bar 0.2 below 1.0",
        RaisedAt = At(10, 0, 3),
        WorkOrderId = "wo-7",
    };

    public static Alarm HotMotor() => new()
    {
        AlarmId = "pump-1/motor_hot/3",
        EquipmentId = "pump-1",
        RuleId = "motor_hot",
        FaultCode = "motor_overheat",
        Priority = AlarmPriority.High,
        State = AlarmState.Normal,
        Message = "motor_temp_c 96 above 90",
        RaisedAt = At(9, 12, 0),
        ClearedAt = At(9, 40, 30),
    };

    public static Equipment Pump() => new()
    {
        EquipmentId = "pump-1",
        Name = "Booster pump 1",
        Kind = "water_pump",
        SiteId = "riverside",
        BuildingId = "block-1",
        Location = "B1 pump room",
        Readings =
        {
            new Reading { Metric = "outlet_pressure_bar", Value = 0.2, Unit = "bar", ObservedAt = At(10, 0, 3) },
            new Reading { Metric = "flow_m3h", Value = 112.5, Unit = "m3/h", ObservedAt = At(10, 0, 3) },
        },
        LastSeen = At(10, 0, 4),
        ActiveAlarms = 1,
    };

    public static WorkOrder Order() => new()
    {
        WorkOrderId = "wo-7",
        AlarmId = "pump-1/pressure_collapse/1",
        SiteId = "riverside",
        BuildingId = "block-1",
        EquipmentId = "pump-1",
        FaultCode = "burst_pipe",
        Priority = DispatchPriority.Emergency,
        Status = WorkOrderStatus.EnRoute,
        Description = "Outlet pressure collapsed while running: burst pipe",
        CreatedAt = At(10, 0, 3),
        DispatchOrderId = "D-1001",
        SendAttempts = 2,
        Steps =
        {
            new WorkOrderStep { Status = WorkOrderStatus.Raised, At = At(10, 0, 3), Actor = "hub" },
            new WorkOrderStep { Status = WorkOrderStatus.Sent, At = At(10, 0, 9), Actor = "hub", Note = "after 1 retry" },
            new WorkOrderStep { Status = WorkOrderStatus.EnRoute, At = At(10, 7, 0), Actor = "team-north" },
        },
    };
}
