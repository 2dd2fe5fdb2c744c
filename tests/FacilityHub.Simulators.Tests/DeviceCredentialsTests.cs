using FacilityHub.FleetSimulator.Publishing;
using FacilityHub.FleetSimulator.Topology;

namespace FacilityHub.Simulators.Tests;

/// <summary>The fleet's accounts from fhub mqtt credentials' file: one per device, nothing secret in any message.</summary>
public sealed class DeviceCredentialsTests
{
    [Fact]
    public void Reads_username_password_lines_and_skips_comments_and_blank_lines()
    {
        var credentials = DeviceCredentials.Parse("# secret\nfacilityhub.hub:h-pass\n\nrs-b1-pump-1:p:with:colons\r\n", "creds");

        Assert.Equal("p:with:colons", credentials.PasswordOf("rs-b1-pump-1"));
        Assert.Equal("h-pass", credentials.PasswordOf("facilityhub.hub"));
        Assert.Null(credentials.PasswordOf("rs-b1-pump-2"));
    }

    [Fact]
    public void A_line_that_is_not_username_password_is_named_by_number_and_not_quoted()
    {
        var e = Assert.Throws<FormatException>(() => DeviceCredentials.Parse("a:b\nsecret-without-colon\n", "creds"));

        Assert.Equal("creds line 2 is not username:password", e.Message);
    }

    [Fact]
    public async Task A_fleet_with_a_device_the_file_has_no_account_for_is_refused_naming_the_device()
    {
        var devices = FleetTopology.Parse("""
            { "kinds": { "pump": {} }, "sites": [ { "id": "s", "buildings": [ { "id": "b", "equipment": [ { "id": "pump-1", "kind": "pump" }, { "id": "pump-2", "kind": "pump" } ] } ] } ] }
            """).Devices;
        var credentials = DeviceCredentials.Parse("pump-1:secret-1\n", "creds");

        var e = Assert.Throws<ArgumentException>(() => new DeviceFleetPublisher("127.0.0.1", 1883, devices, credentials, "t", _ => { }));
        await using var complete = new DeviceFleetPublisher("127.0.0.1", 1883, devices.Take(1).ToList(), credentials, "t", _ => { });

        Assert.Equal("no broker account for 1 device(s) in the credentials file (pump-2): run fhub mqtt credentials again", e.Message);
        Assert.DoesNotContain("secret-1", e.Message);
        Assert.Equal(0, complete.Published);
    }
}
