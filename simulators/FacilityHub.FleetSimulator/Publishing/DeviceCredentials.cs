namespace FacilityHub.FleetSimulator.Publishing;

/// <summary>
/// The devices' broker accounts from the credentials file of <c>fhub mqtt credentials</c>: "username:password" lines
/// ('#' comments), the username being the equipment id. The file is secret; nothing read from it is ever printed.
/// </summary>
public sealed class DeviceCredentials
{
    private readonly Dictionary<string, string> _passwords;

    private DeviceCredentials(Dictionary<string, string> passwords) => _passwords = passwords;

    /// <summary>The password of the device with <paramref name="equipmentId"/>, or null.</summary>
    public string? PasswordOf(string equipmentId) => _passwords.GetValueOrDefault(equipmentId);

    /// <exception cref="FormatException">Unreadable, or a line that is not username:password (named by number, never quoted).</exception>
    public static async Task<DeviceCredentials> LoadAsync(string path, CancellationToken cancellationToken)
    {
        string text;
        try
        {
            text = await File.ReadAllTextAsync(path, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new FormatException($"cannot read the credentials file {path}: {ex.Message}", ex);
        }

        return Parse(text, path);
    }

    public static DeviceCredentials Parse(string text, string source)
    {
        ArgumentNullException.ThrowIfNull(text);
        var passwords = new Dictionary<string, string>(StringComparer.Ordinal);
        var number = 0;
        foreach (var raw in text.Split('\n'))
        {
            number++;
            var line = raw.TrimEnd('\r');
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0 || colon == line.Length - 1)
            {
                throw new FormatException($"{source} line {number} is not username:password");
            }

            passwords[line[..colon]] = line[(colon + 1)..];
        }

        return new DeviceCredentials(passwords);
    }
}
