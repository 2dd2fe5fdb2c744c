using FacilityHub.Api.V1;
using FacilityHub.Cli;
using FacilityHub.Testing;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;

namespace FacilityHub.EndToEnd.Tests;

/// <summary>Alarm-system KPIs on the real hub. Other tests share the hub: assertions are about this test's alarm only.</summary>
[Collection(HubCollection.Name)]
public sealed class AlarmKpiTests(HubFixture hub)
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(15);

    private const string Equipment = "t-alarm-chatter";
    private const string Tag = Equipment + "/zone_tripped";

    [Fact]
    public async Task A_panic_button_tripped_three_times_within_a_minute_chatters_and_tops_the_list()
    {
        // Tripped and restored three times with nobody acknowledging: one occurrence that activates three times.
        string alarmId = Tag + "/1";
        for (int i = 0; i < 3; i++)
        {
            await hub.PublishAsync(TestTopology.Topic(Equipment, "event"), """{"event":"zone_tripped","zone":"panic"}""");
            await Eventually.UntilAsync(async () => (await hub.Alarms.ListAlarmsAsync(new ListAlarmsRequest { EquipmentId = Equipment, ConditionActiveOnly = true })).Alarms.Any(a => a.AlarmId == alarmId),
                Deadline, $"activation {i + 1} of the panic button");
            await hub.PublishAsync(TestTopology.Topic(Equipment, "event"), """{"event":"zone_restored","zone":"panic"}""");
            await Eventually.UntilAsync(async () =>
                (await hub.Alarms.GetAlarmAsync(new GetAlarmRequest { AlarmId = alarmId })).State == AlarmState.ReturnedUnacknowledged,
                Deadline, "the restored zone waits for acknowledgement");
        }

        var kpis = await hub.Alarms.GetAlarmKpisAsync(new GetAlarmKpisRequest { SiteId = "riverside" });

        Assert.Equal(TimeSpan.FromHours(24), kpis.WindowEnd.ToDateTimeOffset() - kpis.WindowStart.ToDateTimeOffset());
        var chattering = Assert.Single(kpis.Chattering, c => c.AlarmTag == Tag);
        Assert.Equal((3, 3), (chattering.Activations, chattering.MaxIn60S));
        var frequent = Assert.Single(kpis.TopTen, f => f.AlarmTag == Tag);
        Assert.Equal(3, frequent.Activations);
        Assert.True(kpis.Activations >= 3 && kpis.Last10Minutes >= 3);
        Assert.DoesNotContain(kpis.Stale, s => s.AlarmTag == Tag);

        var stdout = new StringWriter();
        int code = await FhubCli.RunAsync(["alarms", "kpis", "--site", "riverside", "--window", "1h"], stdout, TextWriter.Null, hub.FhubAs(FacilityHub.Auth.HubRoles.Quality, "quinn"));
        Assert.Equal(0, code);
        Assert.Contains(stdout.ToString().Split('\n'), l => l.StartsWith(Tag, StringComparison.Ordinal) && l.Contains(" 3 ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_window_beyond_seven_days_or_an_unknown_site_is_refused_naming_the_problem()
    {
        var tooLong = await Assert.ThrowsAsync<RpcException>(() => hub.Alarms.GetAlarmKpisAsync(
            new GetAlarmKpisRequest { SiteId = "riverside", Window = Duration.FromTimeSpan(TimeSpan.FromDays(8)) }).ResponseAsync);
        Assert.Equal((StatusCode.InvalidArgument, "window: must be at most 7 days"), (tooLong.StatusCode, tooLong.Status.Detail));

        var noSite = await Assert.ThrowsAsync<RpcException>(() => hub.Alarms.GetAlarmKpisAsync(new GetAlarmKpisRequest()).ResponseAsync);
        Assert.Equal((StatusCode.InvalidArgument, "site_id: is required"), (noSite.StatusCode, noSite.Status.Detail));

        var unknown = await Assert.ThrowsAsync<RpcException>(() => hub.Alarms.GetAlarmKpisAsync(new GetAlarmKpisRequest { SiteId = "nowhere" }).ResponseAsync);
        Assert.Equal(StatusCode.NotFound, unknown.StatusCode);
    }
}
