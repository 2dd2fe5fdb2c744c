namespace FacilityHub.Auth;

/// <summary>The roles a token's <c>role</c> claim names (DOMAIN.md "Who uses it").</summary>
public static class HubRoles
{
    /// <summary>Control-center operator: live alarms and their lifecycle, dispatch follow-up.</summary>
    public const string Operator = "operator";

    /// <summary>Engineering team: maintenance and work orders, services home alarms on site.</summary>
    public const string Engineer = "engineer";

    /// <summary>Customer-service center: residents' requests, follow-up calls.</summary>
    public const string CustomerService = "customer_service";

    /// <summary>Quality department: inspections, monthly analysis.</summary>
    public const string Quality = "quality";

    /// <summary>Administrator: topology and rules.</summary>
    public const string Admin = "admin";

    /// <summary>The company's dispatch system, a service identity: reports progress only.</summary>
    public const string Dispatch = "dispatch";

    public static IReadOnlyList<string> All { get; } = [Operator, Engineer, CustomerService, Quality, Admin, Dispatch];

    public static bool IsKnown(string role) => All.Contains(role, StringComparer.Ordinal);
}
