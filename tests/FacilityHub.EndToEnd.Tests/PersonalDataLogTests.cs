using FacilityHub.Api.V1;
using FacilityHub.Auth;
using FacilityHub.Testing;

namespace FacilityHub.EndToEnd.Tests;

/// <summary>Residents' names and phone numbers never reach the hub's log, the dispatch simulator's console or InfluxDB's
/// tags: checked here after a home alarm of a home with a resident on record has gone all the way to a work order, and
/// again over the whole collection's logs when the fixture stops.</summary>
[Collection(HubCollection.Name)]
public sealed class PersonalDataLogTests(HubFixture hub)
{
    // Not used by any other test: its first rejection is logged, which tells when the log has caught up.
    private const string Home = "rs-b2-alarm-0902";
    private const string Events = $"facility/riverside/rs-b2/{Home}/event";

    [Fact]
    public async Task A_home_alarm_from_trip_to_accepted_work_order_leaves_no_resident_s_name_or_phone_in_logs_or_tags()
    {
        var residents = TestTopology.Residents();
        var resident = residents.Single(r => r.EquipmentId == Home);

        // Customer service looks the resident up; the device sends the resident's name where it does not belong.
        var contact = await new AssetService.AssetServiceClient(hub.As(HubRoles.CustomerService, "li-wei"))
            .GetResidentContactAsync(new GetResidentContactRequest { EquipmentId = Home });
        await hub.PublishAsync(Events, $$"""{"device":"{{Home}}","event":"zone_tripped","zone":"{{resident.Name}}"}""");
        await hub.PublishAsync(Events, $$"""{"device":"{{Home}}","event":"zone_tripped","zone":"smoke","note":"{{resident.Phone}}"}""");
        const string workOrder = $"{Home}/zone_tripped/1";
        await Eventually.UntilAsync(async () =>
        {
            var order = await hub.WorkOrders.GetWorkOrderAsync(new GetWorkOrderRequest { WorkOrderId = workOrder });
            return order.Status == WorkOrderStatus.Accepted;
        }, TimeSpan.FromSeconds(15), "the home alarm's work order is accepted by dispatch");
        await Eventually.UntilAsync(() => Task.FromResult(
                hub.HubLog.Contains($"Rejected MQTT input (BadId) from {Home}", StringComparison.Ordinal)
                && hub.HubLog.Contains($"Work order {workOrder} handed to dispatch", StringComparison.Ordinal)
                && hub.DispatchLog.Contains($"key={workOrder}", StringComparison.Ordinal)),
            TimeSpan.FromSeconds(10), "the hub's log and the dispatch console show this alarm's traffic");
        using var tags = await hub.Servers.QueryInfluxAsync("SHOW TAG VALUES WITH KEY =~ /.*/");

        Assert.Equal(resident.Name, contact.Name);
        Assert.Equal("Room 902", Assert.Single(hub.Dispatch!.Orders, o => o.Order.EquipmentId == Home).Order.Location);
        Assert.Empty(PersonalDataScan.Find(hub.HubLog, residents));
        Assert.Empty(PersonalDataScan.Find(hub.DispatchLog, residents));
        Assert.Contains(Home, tags.RootElement.GetRawText());
        Assert.Empty(PersonalDataScan.Find(tags.RootElement.GetRawText(), residents));
        // The scan itself finds what it looks for, in the very text it cleared.
        Assert.Equal([$"the name of the resident of {Home}"], PersonalDataScan.Find(hub.HubLog + $"\nzone {resident.Name}", [resident]));
    }
}
