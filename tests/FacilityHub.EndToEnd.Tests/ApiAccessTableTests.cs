using FacilityHub.Auth;

namespace FacilityHub.EndToEnd.Tests;

/// <summary>The access table covers the whole API: a method added to a proto without a line in the table fails here.</summary>
public sealed class ApiAccessTableTests
{
    [Fact]
    public void Every_method_the_hub_serves_is_in_the_access_table()
    {
        var missing = HubMethods.Served.Where(m => !ApiAccess.Methods.ContainsKey(m)).ToList();

        Assert.True(missing.Count == 0, "not in ApiAccess.Methods: " + string.Join(", ", missing));
    }

    [Fact]
    public void Every_line_of_the_table_is_a_method_the_hub_serves_and_names_known_roles_only()
    {
        Assert.All(ApiAccess.Methods, e =>
        {
            Assert.Contains(e.Key, HubMethods.Served);
            Assert.NotEmpty(e.Value);
            Assert.All(e.Value, role => Assert.True(HubRoles.IsKnown(role), $"{e.Key}: unknown role '{role}'"));
        });
    }

    [Fact]
    public void The_dispatch_identity_may_only_report_progress()
    {
        var allowed = ApiAccess.Methods.Where(e => e.Value.Contains(HubRoles.Dispatch)).Select(e => e.Key);

        Assert.Equal(["/dispatch.v1.DispatchProgressService/ReportProgress"], allowed);
    }
}
