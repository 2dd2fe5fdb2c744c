using FacilityHub.Api.V1;
using FacilityHub.Auth;

namespace FacilityHub.EndToEnd.Tests;

/// <summary>A home alarm point's location is a resident's room: only the roles that need it see it.</summary>
[Collection(HubCollection.Name)]
public sealed class ResidentDataTests(HubFixture hub)
{
    private const string HomeAlarm = "rs-b1-alarm-0302";
    private const string Pump = "rs-b1-pump-1";

    [Theory]
    [InlineData(HubRoles.Operator, true)]
    [InlineData(HubRoles.Engineer, true)]
    [InlineData(HubRoles.CustomerService, true)]
    [InlineData(HubRoles.Admin, true)]
    [InlineData(HubRoles.Quality, false)]
    public async Task A_home_alarm_s_room_is_shown_only_to_the_roles_that_need_it(string role, bool seesRoom)
    {
        var assets = new AssetService.AssetServiceClient(hub.As(role, $"resident-data-{role}"));

        var tree = await assets.GetAssetTreeAsync(new GetAssetTreeRequest { SiteId = "riverside" });
        var items = tree.Sites.SelectMany(s => s.Buildings).SelectMany(b => b.Equipment).ToDictionary(e => e.EquipmentId);
        var homeAlarm = await assets.GetEquipmentAsync(new GetEquipmentRequest { EquipmentId = HomeAlarm });
        var pump = await assets.GetEquipmentAsync(new GetEquipmentRequest { EquipmentId = Pump });

        string expected = seesRoom ? "Room 302" : "";
        Assert.Equal(expected, items[HomeAlarm].Location);
        Assert.Equal(expected, homeAlarm.Location);
        if (!seesRoom) Assert.All(items.Values.Where(e => e.Kind == "home_alarm"), e => Assert.Equal("", e.Location));
        // Plant rooms are nobody's home: every role sees them.
        Assert.Equal("B1 pump room", items[Pump].Location);
        Assert.Equal("B1 pump room", pump.Location);
    }
}
