using System.Security.Claims;
using FacilityHub.Auth;
using Grpc.Core;

namespace FacilityHub.Server.Api;

/// <summary>Who is calling, from the validated bearer token: the name that goes on the record of every action
/// they take, and their roles. Set by <see cref="AccessInterceptor"/> before any handler runs.</summary>
public sealed record Caller(string Name, IReadOnlyList<string> Roles)
{
    private const string Key = "facilityhub.caller";

    public bool SeesResidentLocations => ApiAccess.SeesResidentLocations(Roles);

    /// <summary>The caller of a call the interceptor let through.</summary>
    public static Caller Of(ServerCallContext context) =>
        context.UserState.TryGetValue(Key, out var caller) ? (Caller)caller : throw new InvalidOperationException($"{context.Method} ran without an authenticated caller");

    /// <summary>The token's name and roles; null when it names no one usable on a record.</summary>
    public static Caller? From(ClaimsPrincipal user)
    {
        string? name = user.Identity?.Name;
        if (!HubTokens.IsValidName(name)) return null;
        var roles = user.FindAll(HubTokens.RoleClaim).Select(c => c.Value).Where(HubRoles.IsKnown).Distinct(StringComparer.Ordinal).ToList();
        return new Caller(name!, roles);
    }

    internal void AttachTo(ServerCallContext context) => context.UserState[Key] = this;
}
