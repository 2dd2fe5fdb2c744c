using FacilityHub.Auth;
using FacilityHub.Cli;
using FacilityHub.Testing;

namespace FacilityHub.EndToEnd.Tests;

[Collection(HubCollection.Name)]
public sealed class FhubTests(HubFixture hub)
{
    /// <summary>fhub as the operator dave, with a token fhub minted itself from the hub's key (FHUB_SIGNING_KEY).</summary>
    private string? _daveToken;

    private async Task<(int Code, string Out, string Err)> Fhub(params string[] args)
    {
        if (_daveToken is null)
        {
            var minted = await Run(new FhubEnvironment(hub.HubUrl, TimeProvider.System) { SigningKey = hub.SigningKeyText }, "token", "--role", "operator", "--name", "dave", "--ttl", "10m");
            Assert.Equal(0, minted.Code);
            _daveToken = minted.Out.Trim();
        }
        return await Run(new FhubEnvironment(hub.HubUrl, TimeProvider.System) { Token = _daveToken }, args);
    }

    private static async Task<(int Code, string Out, string Err)> Run(FhubEnvironment environment, params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        int code = await FhubCli.RunAsync(args, stdout, stderr, environment);
        return (code, stdout.ToString(), stderr.ToString());
    }

    [Fact]
    public async Task An_operator_sees_the_estate_the_readings_the_history_and_a_fault_s_alarm_and_work_order()
    {
        await hub.PublishAsync("facility/riverside/rs-b1/rs-b1-alarm-0302/telemetry", """{"values":{"battery_pct":87}}""");
        await hub.PublishAsync("facility/riverside/rs-b1/rs-b1-alarm-0302/event", """{"event":"zone_tripped","zone":"panic"}""");
        await Eventually.UntilAsync(() => Task.FromResult(hub.Dispatch!.Orders.Any(o => o.Order.EquipmentId == "rs-b1-alarm-0302")),
            TimeSpan.FromSeconds(10), "the panic alarm's order reaches dispatch");
        await Eventually.UntilAsync(async () => await hub.Servers.CountInfluxAsync("SELECT count(battery_pct) FROM telemetry WHERE equipment = 'rs-b1-alarm-0302'") > 0,
            TimeSpan.FromSeconds(10), "the battery reading is stored");

        var assets = await Fhub("assets");
        Assert.Equal(0, assets.Code);
        Assert.Contains("rs-club-dishwasher-1", assets.Out);

        var show = await Fhub("equipment", "show", "rs-b1-alarm-0302");
        Assert.Equal(0, show.Code);
        Assert.Contains("battery_pct", show.Out);
        Assert.Contains("87", show.Out);
        Assert.Contains("zone_tripped (panic)", show.Out);

        var history = await Fhub("telemetry", "history", "rs-b1-alarm-0302", "--metric", "battery_pct", "--since", "1h");
        Assert.Equal(0, history.Code);
        Assert.Contains("87", history.Out);

        var alarms = await Fhub("alarms", "list", "--equipment", "rs-b1-alarm-0302", "--active");
        Assert.Equal(0, alarms.Code);
        Assert.Contains("rs-b1-alarm-0302/zone_tripped/1", alarms.Out);

        var orders = await Fhub("workorders", "show", "rs-b1-alarm-0302/zone_tripped/1");
        Assert.Equal(0, orders.Code);
        Assert.Contains("home_alarm", orders.Out);

        var ack = await Fhub("alarms", "ack", "rs-b1-alarm-0302/zone_tripped/1", "--note", "called the resident");
        Assert.Equal(0, ack.Code);
        Assert.Contains("active_ack", ack.Out);
        var twice = await Fhub("alarms", "ack", "rs-b1-alarm-0302/zone_tripped/1");
        Assert.Equal(1, twice.Code);
        Assert.StartsWith("fhub: FAILED_PRECONDITION: rs-b1-alarm-0302/zone_tripped/1: cannot acknowledge", twice.Err);
        var record = await Fhub("alarms", "show", "rs-b1-alarm-0302/zone_tripped/1");
        Assert.Equal(0, record.Code);
        Assert.Contains(record.Out.Split('\n'), l => l.Contains("acknowledged", StringComparison.Ordinal) && l.Contains("dave", StringComparison.Ordinal) && l.Contains("called the resident", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Asking_for_equipment_that_does_not_exist_is_one_line_and_exit_code_1()
    {
        var result = await Fhub("equipment", "show", "rs-b9-nothing");

        Assert.Equal(1, result.Code);
        Assert.Equal("fhub: NOT_FOUND: equipment 'rs-b9-nothing' is not in the topology", result.Err.Trim());
    }

    [Fact]
    public async Task Without_a_token_or_with_the_wrong_role_fhub_says_so_in_one_line()
    {
        var anonymous = await Run(new FhubEnvironment(hub.HubUrl, TimeProvider.System), "alarms", "list");
        var quality = await Run(hub.FhubAs(HubRoles.Quality, "quinn"), "alarms", "ack", "rs-b1-alarm-0302/zone_tripped/1");

        Assert.Equal(1, anonymous.Code);
        Assert.StartsWith("fhub: UNAUTHENTICATED: a bearer token is required", anonymous.Err);
        Assert.Contains("set FHUB_TOKEN or --token", anonymous.Err);
        Assert.Equal(1, quality.Code);
        Assert.Equal("fhub: PERMISSION_DENIED: role quality may not call facilityhub.v1.AlarmService/AcknowledgeAlarms", quality.Err.Trim());
    }
}
