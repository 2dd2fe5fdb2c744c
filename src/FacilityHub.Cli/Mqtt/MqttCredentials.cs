using System.Security.Cryptography;
using System.Text;
using FacilityHub.Domain.Topology;

namespace FacilityHub.Cli.Mqtt;

/// <summary>
/// The broker accounts of an estate: one per device (username = equipment id) and one for the hub, each with a random
/// password. Kept as "username:password" lines in a file only its owner may read; the passwords cannot be worked out
/// from the topology, and generating again keeps every existing one (only new devices get new passwords).
/// </summary>
public sealed class MqttCredentials
{
    /// <summary>The hub's broker user. The '.' keeps it apart from every device: ids have no '.'.</summary>
    public const string DefaultHubUser = "facilityhub.hub";

    /// <summary>256 bits, base64url: no ':' or line break, so it sits in a mosquitto password line as it is.</summary>
    private const int PasswordBytes = 32;

    private readonly Dictionary<string, string> _passwords;

    private MqttCredentials(string hubUser, IReadOnlyList<DeviceAccount> devices, Dictionary<string, string> passwords, int added, int removed)
    {
        HubUser = hubUser;
        Devices = devices;
        _passwords = passwords;
        Added = added;
        Removed = removed;
    }

    public string HubUser { get; }

    /// <summary>Every device of the topology, in topology order.</summary>
    public IReadOnlyList<DeviceAccount> Devices { get; }

    /// <summary>Accounts that got a new password in this run.</summary>
    public int Added { get; }

    /// <summary>Accounts of the earlier file no longer in the topology (their lines are gone).</summary>
    public int Removed { get; }

    /// <summary>The hub first, then the devices.</summary>
    public IEnumerable<string> Users => Devices.Select(d => d.Username).Prepend(HubUser);

    public string PasswordOf(string user) => _passwords[user];

    /// <summary>An account for the hub and each device of <paramref name="estate"/>, reusing the passwords in
    /// <paramref name="existing"/> (a credentials file's lines) for users it already has.</summary>
    public static MqttCredentials For(Estate estate, string hubUser, IReadOnlyDictionary<string, string> existing)
    {
        if (estate.TryGetEquipment(hubUser, out _)) throw new ArgumentException($"the hub's user '{hubUser}' is also an equipment id", nameof(hubUser));
        var devices = estate.Sites.SelectMany(s => s.Buildings).SelectMany(b => b.Equipment)
            .Select(e => new DeviceAccount(e.Id, $"facility/{e.SiteId}/{e.BuildingId}/{e.Id}")).ToList();
        var passwords = new Dictionary<string, string>(StringComparer.Ordinal);
        int added = 0;
        foreach (string user in devices.Select(d => d.Username).Prepend(hubUser))
        {
            if (existing.TryGetValue(user, out var kept))
            {
                passwords[user] = kept;
                continue;
            }
            passwords[user] = NewPassword();
            added++;
        }
        return new MqttCredentials(hubUser, devices, passwords, added, existing.Keys.Count(u => !passwords.ContainsKey(u)));
    }

    /// <summary>The lines of a credentials file: "username:password", '#' comments and blank lines skipped.</summary>
    /// <exception cref="FormatException">A line is not "username:password" (the message gives its number, never its text).</exception>
    public static Dictionary<string, string> Parse(string text)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        int number = 0;
        foreach (string raw in text.Split('\n'))
        {
            number++;
            string line = raw.TrimEnd('\r');
            if (line.Length == 0 || line.StartsWith('#')) continue;
            int colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0 || colon == line.Length - 1) throw new FormatException($"line {number} is not username:password");
            if (!result.TryAdd(line[..colon], line[(colon + 1)..])) throw new FormatException($"line {number} repeats a username");
        }
        return result;
    }

    /// <summary>The credentials file: secret, for the hub's configuration and the devices (or the fleet simulator).</summary>
    public string RenderCredentials(string topologyPath)
    {
        var text = new StringBuilder()
            .Append("# MQTT credentials of FacilityHub, written by `fhub mqtt credentials` from ").Append(topologyPath).Append('\n')
            .Append("# SECRET (plaintext passwords): keep this file mode 600. username:password; the first line is the hub,\n")
            .Append("# every other one a device (username = equipment id). Run the command again after changing the topology:\n")
            .Append("# existing passwords are kept. Delete this file first to give everyone new ones.\n");
        foreach (string user in Users) text.Append(user).Append(':').Append(_passwords[user]).Append('\n');
        return text.ToString();
    }

    /// <summary>mosquitto's plaintext password file, for <c>mosquitto_passwd -U</c> to hash.</summary>
    public string RenderPlainPasswordFile() => string.Concat(Users.Select(u => $"{u}:{_passwords[u]}\n"));

    /// <summary>mosquitto's acl_file: each device writes under its own topic and reads nothing; the hub reads every
    /// device topic (shared subscriptions are checked on the topic of each message) and writes nothing.</summary>
    public string RenderAcl(string topologyPath)
    {
        var text = new StringBuilder()
            .Append("# mosquitto acl_file of FacilityHub, written by `fhub mqtt credentials` from ").Append(topologyPath).Append('\n')
            .Append("# Run the command again rather than editing. Each device publishes under its own topic and reads nothing;\n")
            .Append("# the hub reads every device's topic (also through $share/GROUP/...) and publishes nothing.\n")
            .Append("# With allow_anonymous false, nobody else is let in.\n\n")
            .Append("user ").Append(HubUser).Append('\n')
            .Append("topic read facility/#\n");
        foreach (var device in Devices)
        {
            text.Append('\n').Append("user ").Append(device.Username).Append('\n')
                .Append("topic write ").Append(device.TopicPrefix).Append("/#\n");
        }
        return text.ToString();
    }

    private static string NewPassword() =>
        Convert.ToBase64String(RandomNumberGenerator.GetBytes(PasswordBytes)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
