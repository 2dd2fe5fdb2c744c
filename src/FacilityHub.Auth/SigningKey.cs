using System.Text;

namespace FacilityHub.Auth;

/// <summary>The HS256 key shared by the hub and whoever mints its tokens, as configured: UTF-8 text, or
/// "base64:" followed by base64. At least 32 bytes (HS256 with a shorter key is guessable).</summary>
public static class SigningKey
{
    public const int MinimumBytes = 32;
    public const string Base64Prefix = "base64:";
    public const string Expected = "at least 32 bytes: text, or base64:<base64>";

    /// <summary>The key's bytes, or null with the problem (never the key itself) in <paramref name="problem"/>.</summary>
    public static byte[]? TryParse(string? text, out string problem)
    {
        problem = "";
        if (string.IsNullOrWhiteSpace(text))
        {
            problem = $"is required ({Expected})";
            return null;
        }

        var trimmed = text.Trim();
        byte[] key;
        if (trimmed.StartsWith(Base64Prefix, StringComparison.Ordinal))
        {
            try
            {
                key = Convert.FromBase64String(trimmed[Base64Prefix.Length..]);
            }
            catch (FormatException)
            {
                problem = "is not valid base64 after 'base64:'";
                return null;
            }
        }
        else
        {
            key = Encoding.UTF8.GetBytes(trimmed);
        }

        if (key.Length < MinimumBytes)
        {
            problem = $"is {key.Length} bytes; {Expected}";
            return null;
        }

        return key;
    }
}
