using FacilityHub.Api.V1;
using FacilityHub.Cli.Alarms;
using FacilityHub.Cli.Assets;
using FacilityHub.Cli.Ingestion;
using FacilityHub.Cli.Telemetry;
using FacilityHub.Cli.WorkOrders;
using Google.Protobuf.WellKnownTypes;

namespace FacilityHub.Cli.Tests;

public sealed class ViewTests
{
    private static string Lines(params string[] lines) => string.Concat(lines.Select(l => l + Environment.NewLine));

    [Fact]
    public void The_asset_tree_indents_buildings_under_sites_and_equipment_under_buildings()
    {
        Assert.Equal(
            Lines(
                "ASSET           KIND        NAME             LOCATION",
                "riverside       site        Riverside Park",
                "  block-1       building    Block 1",
                "    pump-1      water_pump  Booster pump 1   B1 pump room",
                "    alarm-1203  home_alarm  Home alarm 1203  Room 1203",
                "  block-2       building    Block 2"),
            AssetTreeView.Render(Samples.Tree()));
    }

    [Fact]
    public void Alarms_show_priority_state_times_and_the_work_order()
    {
        Assert.Equal(
            Lines(
                "RAISED AT             PRIORITY   STATE         CONDITION  ALARM                       FAULT           CLEARED AT            WORK ORDER  MESSAGE",
                "2026-11-25 10:00:03Z  emergency  active_unack  active     pump-1/pressure_collapse/1  burst_pipe      -                     wo-7        outlet_pressure_bar 0.2 below 1.0",
                "2026-11-25 09:12:00Z  high       normal        clear      pump-1/motor_hot/3          motor_overheat  2026-11-25 09:40:30Z  -           motor_temp_c 96 above 90"),
            AlarmsView.Render([Samples.BurstPipe(), Samples.HotMotor()]));
    }

    [Fact]
    public void Equipment_shows_details_latest_readings_and_active_alarms()
    {
        var shown = EquipmentView.Render(Samples.Pump(), [Samples.BurstPipe()]);

        Assert.Equal(
            Lines(
                "Equipment      pump-1",
                "Name           Booster pump 1",
                "Kind           water_pump",
                "Site           riverside",
                "Building       block-1",
                "Location       B1 pump room",
                "Last seen      2026-11-25 10:00:04Z",
                "Last event     -",
                "Active alarms  1",
                "",
                "METRIC               VALUE  UNIT  OBSERVED AT",
                "outlet_pressure_bar    0.2  bar   2026-11-25 10:00:03Z",
                "flow_m3h             112.5  m3/h  2026-11-25 10:00:03Z",
                "",
                "RAISED AT             PRIORITY   STATE         CONDITION  ALARM                       FAULT       CLEARED AT  WORK ORDER  MESSAGE",
                "2026-11-25 10:00:03Z  emergency  active_unack  active     pump-1/pressure_collapse/1  burst_pipe  -           wo-7        outlet_pressure_bar 0.2 below 1.0"),
            shown);
    }

    [Fact]
    public void Equipment_never_heard_from_says_so()
    {
        var quiet = new Equipment { EquipmentId = "alarm-1203", Name = "Home alarm 1203", Kind = "home_alarm" };

        var shown = EquipmentView.Render(quiet, []);

        Assert.Contains("Last seen      -", shown);
        Assert.EndsWith(Lines("", "No readings since the hub started."), shown);
    }

    [Fact]
    public void Telemetry_points_show_time_and_value_with_the_unit_in_the_header()
    {
        var points = new[]
        {
            new TelemetryPoint { Time = Samples.At(9, 59, 0), Value = 3.25 },
            new TelemetryPoint { Time = Samples.At(10, 0, 0), Value = 0.2 },
        };

        Assert.Equal(
            Lines(
                "TIME                  VALUE (bar)",
                "2026-11-25 09:59:00Z         3.25",
                "2026-11-25 10:00:00Z          0.2"),
            TelemetryHistoryView.Render("bar", points));
    }

    [Fact]
    public void Telemetry_points_less_than_a_second_apart_show_milliseconds()
    {
        var points = new[]
        {
            new TelemetryPoint { Time = Samples.At(10, 0, 0), Value = 1 },
            new TelemetryPoint { Time = Samples.At(10, 0, 0, 500), Value = 2 },
        };

        Assert.Equal(
            Lines(
                "TIME                      VALUE",
                "2026-11-25 10:00:00.000Z      1",
                "2026-11-25 10:00:00.500Z      2"),
            TelemetryHistoryView.Render("", points));
    }

    [Fact]
    public void Ingestion_stats_break_rejected_messages_down_by_reason()
    {
        var stats = new IngestionStats
        {
            Accepted = 120_345,
            PointsWritten = 481_380,
            PointsFailed = 40,
            PointsSpooled = 40,
            Rejected = { ["unknown_device"] = 12, ["malformed_json"] = 3 },
        };

        Assert.Equal(
            Lines(
                "Accepted          120345",
                "Points written    481380",
                "Points failed         40",
                "Points spooled        40",
                "Rejected              15",
                "  malformed_json       3",
                "  unknown_device      12"),
            IngestionStatsView.Render(stats));
    }

    [Fact]
    public void Work_orders_list_shows_priority_status_and_dispatch_id()
    {
        var raised = Samples.Order();
        raised.WorkOrderId = "wo-8";
        raised.Status = WorkOrderStatus.Raised;
        raised.DispatchOrderId = "";
        raised.SendAttempts = 14;

        Assert.Equal(
            Lines(
                "CREATED AT            WORK ORDER  PRIORITY   STATUS    EQUIPMENT  FAULT       DISPATCH ID  ATTEMPTS",
                "2026-11-25 10:00:03Z  wo-7        emergency  en_route  pump-1     burst_pipe  D-1001              2",
                "2026-11-25 10:00:03Z  wo-8        emergency  raised    pump-1     burst_pipe  -                  14"),
            WorkOrdersView.Render([Samples.Order(), raised]));
    }

    [Fact]
    public void A_work_order_shows_its_details_and_steps()
    {
        Assert.Equal(
            Lines(
                "Work order       wo-7",
                "Status           en_route",
                "Priority         emergency",
                "Created at       2026-11-25 10:00:03Z",
                "Site             riverside",
                "Building         block-1",
                "Equipment        pump-1",
                "Fault            burst_pipe",
                "Alarm            pump-1/pressure_collapse/1",
                "Description      Outlet pressure collapsed while running: burst pipe",
                "Dispatch id      D-1001",
                "Send attempts    2",
                "Last error       -",
                "Appointment      -",
                "Pending updates  0",
                "Verify due       -",
                "Follow-up due    -",
                "SLA breaches     none",
                "",
                "AT                    STATUS    ACTOR       NOTE",
                "2026-11-25 10:00:03Z  raised    hub",
                "2026-11-25 10:00:09Z  sent      hub         after 1 retry",
                "2026-11-25 10:07:00Z  en_route  team-north"),
            WorkOrdersView.RenderOne(Samples.Order()));
    }

    [Fact]
    public void The_unsigned_list_shows_each_order_s_reason_and_expected_completion_marking_the_overdue()
    {
        var late = new UnsignedWorkOrder { WorkOrder = Samples.Order(), Reason = "crew en route", Overdue = true };
        late.ExpectedCompletion = Timestamp.FromDateTimeOffset(new DateTimeOffset(2026, 11, 26, 10, 0, 3, TimeSpan.Zero));
        var verifying = Samples.Order();
        verifying.WorkOrderId = "wo-8";
        verifying.Status = WorkOrderStatus.Resolved;

        Assert.Equal(
            Lines(
                "CREATED AT            WORK ORDER  PRIORITY   STATUS    EQUIPMENT  REASON                                             EXPECTED COMPLETION",
                "2026-11-25 10:00:03Z  wo-7        emergency  en_route  pump-1     crew en route                                      2026-11-26 10:00:03Z (overdue)",
                "2026-11-25 10:00:03Z  wo-8        emergency  resolved  pump-1     awaiting verification: the fault is still present  -"),
            WorkOrdersView.RenderUnsigned([late, new UnsignedWorkOrder { WorkOrder = verifying, Reason = "awaiting verification: the fault is still present" }]));
    }
}
