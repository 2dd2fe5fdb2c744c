using FacilityHub.Api.V1;
using FacilityHub.Auth;
using FacilityHub.Cli;
using Grpc.Core;

namespace FacilityHub.EndToEnd.Tests;

/// <summary>A home alarm point's location is a resident's room: only the roles that need it see it. The resident's name
/// and phone number only customer service sees, and only through GetResidentContact.</summary>
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

    [Theory]
    [InlineData(HubRoles.CustomerService)]
    [InlineData(HubRoles.Operator)]
    [InlineData(HubRoles.Engineer)]
    [InlineData(HubRoles.Quality)]
    [InlineData(HubRoles.Admin)]
    [InlineData(HubRoles.Dispatch)]
    public async Task Only_customer_service_reads_a_resident_s_name_and_phone_number(string role)
    {
        var assets = new AssetService.AssetServiceClient(hub.As(role, $"contact-{role}"));
        var seeded = TestTopology.Residents().Single(r => r.EquipmentId == "rs-b1-alarm-0301");

        var call = assets.GetResidentContactAsync(new GetResidentContactRequest { EquipmentId = seeded.EquipmentId }).ResponseAsync;

        if (role == HubRoles.CustomerService)
        {
            var contact = await call;
            Assert.Equal((seeded.EquipmentId, "Mei Lin", "+86 138 0000 0301"), (contact.EquipmentId, contact.Name, contact.Phone));
        }
        else
        {
            var refused = await Assert.ThrowsAsync<RpcException>(() => call);
            Assert.Equal(StatusCode.PermissionDenied, refused.StatusCode);
            Assert.Empty(PersonalDataScan.Find(refused.ToString(), TestTopology.Residents()));
        }
    }

    [Theory]
    [InlineData(HubRoles.Operator)]
    [InlineData(HubRoles.Engineer)]
    [InlineData(HubRoles.CustomerService)]
    [InlineData(HubRoles.Quality)]
    [InlineData(HubRoles.Admin)]
    public async Task The_asset_tree_and_the_items_carry_no_resident_s_name_or_phone_for_any_role(string role)
    {
        var assets = new AssetService.AssetServiceClient(hub.As(role, $"no-contact-{role}"));
        var residents = TestTopology.Residents();

        var answers = new List<string> { (await assets.GetAssetTreeAsync(new GetAssetTreeRequest())).ToString() };
        foreach (var r in residents) answers.Add((await assets.GetEquipmentAsync(new GetEquipmentRequest { EquipmentId = r.EquipmentId })).ToString());

        Assert.NotEmpty(residents);
        Assert.All(answers, answer => Assert.Empty(PersonalDataScan.Find(answer, residents)));
    }

    [Fact]
    public async Task An_item_with_no_resident_on_record_is_not_found_for_customer_service()
    {
        var assets = new AssetService.AssetServiceClient(hub.As(HubRoles.CustomerService, "cs-pump"));

        var none = await Assert.ThrowsAsync<RpcException>(() => assets.GetResidentContactAsync(new GetResidentContactRequest { EquipmentId = Pump }).ResponseAsync);

        Assert.Equal((StatusCode.NotFound, $"no resident contact is on record for '{Pump}'"), (none.StatusCode, none.Status.Detail));
    }

    [Fact]
    public async Task Fhub_shows_customer_service_the_resident_and_tells_an_operator_it_may_not()
    {
        var customerService = await RunFhubAsync(hub.FhubAs(HubRoles.CustomerService, "li-wei"), "equipment", "contact", "rs-b2-alarm-0501");
        var operatorRun = await RunFhubAsync(hub.FhubAs(HubRoles.Operator, "olga"), "equipment", "contact", "rs-b2-alarm-0501");

        Assert.Equal(0, customerService.Code);
        Assert.Contains("Zhao Min", customerService.Out);
        Assert.Contains("+86 138 0000 0501", customerService.Out);
        Assert.Equal(1, operatorRun.Code);
        Assert.Equal("fhub: PERMISSION_DENIED: role operator may not call facilityhub.v1.AssetService/GetResidentContact", operatorRun.Err.Trim());
        Assert.DoesNotContain("Zhao Min", operatorRun.Out + operatorRun.Err);
    }

    private static async Task<(int Code, string Out, string Err)> RunFhubAsync(FhubEnvironment environment, params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        int code = await FhubCli.RunAsync(args, stdout, stderr, environment);
        return (code, stdout.ToString(), stderr.ToString());
    }
}
