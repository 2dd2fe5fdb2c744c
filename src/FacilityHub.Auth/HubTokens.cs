using System.Security.Claims;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace FacilityHub.Auth;

/// <summary>The hub's bearer tokens: JWTs signed HS256 with the shared key, carrying the caller's name
/// (<c>name</c>, also <c>sub</c>) and role (<c>role</c>), an issuer, an audience and an expiry.</summary>
public static class HubTokens
{
    public const string DefaultIssuer = "facilityhub";
    public const string DefaultAudience = "facilityhub";
    public const string NameClaim = "name";
    public const string RoleClaim = "role";
    public const int MaxNameLength = 100;

    /// <summary>Tokens minted a little in the past or checked on a clock a little ahead still pass.</summary>
    public static readonly TimeSpan ClockSkew = TimeSpan.FromMinutes(1);

    /// <summary>A name that can stand on an alarm's record: 1..100 printable characters.</summary>
    public static bool IsValidName(string? name) =>
        !string.IsNullOrWhiteSpace(name) && name.Length <= MaxNameLength && !name.Any(char.IsControl) && name.Trim() == name;

    public static string Mint(
        byte[] key, string role, string name, TimeSpan lifetime, TimeProvider time,
        string issuer = DefaultIssuer, string audience = DefaultAudience)
    {
        if (!HubRoles.IsKnown(role)) throw new ArgumentException($"unknown role '{role}' (one of {string.Join(", ", HubRoles.All)})", nameof(role));
        if (!IsValidName(name)) throw new ArgumentException($"a name is 1 to {MaxNameLength} printable characters without leading or trailing blanks", nameof(name));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(lifetime, TimeSpan.Zero);

        var now = time.GetUtcNow().UtcDateTime;
        return new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = issuer,
            Audience = audience,
            IssuedAt = now,
            NotBefore = now,
            Expires = now + lifetime,
            Subject = new ClaimsIdentity([new Claim("sub", name), new Claim(NameClaim, name), new Claim(RoleClaim, role)]),
            SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(key), SecurityAlgorithms.HmacSha256),
        });
    }

    /// <summary>What the hub accepts: signed with the key (HS256 only), from the issuer, for the audience, unexpired.</summary>
    public static TokenValidationParameters ValidationParameters(byte[] key, string issuer = DefaultIssuer, string audience = DefaultAudience) => new()
    {
        ValidIssuer = issuer,
        ValidAudience = audience,
        IssuerSigningKey = new SymmetricSecurityKey(key),
        ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
        ValidateIssuer = true,
        ValidateAudience = true,
        ValidateIssuerSigningKey = true,
        ValidateLifetime = true,
        RequireExpirationTime = true,
        RequireSignedTokens = true,
        ClockSkew = ClockSkew,
        NameClaimType = NameClaim,
        RoleClaimType = RoleClaim,
    };
}
