using System.ComponentModel.DataAnnotations;
using FacilityHub.Auth;

namespace FacilityHub.Server.Startup;

/// <summary>Section "Auth": how the hub checks the bearer tokens on every gRPC call.</summary>
public sealed class AuthOptions : IValidatableObject
{
    public const string Section = "Auth";

    /// <summary>Auth:SigningKey — the HS256 key tokens are signed with: text, or base64:&lt;base64&gt;; at least 32 bytes.</summary>
    public string SigningKey { get; set; } = "";

    /// <summary>Auth:Issuer — the <c>iss</c> every token must carry.</summary>
    [Required(ErrorMessage = "is required")] public string Issuer { get; set; } = HubTokens.DefaultIssuer;

    /// <summary>Auth:Audience — the <c>aud</c> every token must carry.</summary>
    [Required(ErrorMessage = "is required")] public string Audience { get; set; } = HubTokens.DefaultAudience;

    /// <summary>The key's bytes; valid once <see cref="Validate"/> found nothing wrong.</summary>
    public byte[] KeyBytes => FacilityHub.Auth.SigningKey.TryParse(SigningKey, out _) ?? throw new InvalidOperationException("Auth:SigningKey is not valid");

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        // The message says what is wrong with the key, never the key.
        if (FacilityHub.Auth.SigningKey.TryParse(SigningKey, out string problem) is null) yield return new ValidationResult(problem, [nameof(SigningKey)]);
    }
}
