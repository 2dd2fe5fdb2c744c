using System.Runtime.Versioning;
using FacilityHub.Cli.Mqtt;

namespace FacilityHub.Cli.Tests;

/// <summary>fhub mqtt credentials: broker accounts from the topology, mosquitto's password and ACL files, secrets kept
/// to their owner and across runs. Needs mosquitto_passwd (Debian package mosquitto), as the command does.</summary>
public sealed class MqttCredentialsTests : IDisposable
{
    private const string Topology = """
        {
          // two buildings, three items
          "kinds": { "pump": { "metrics": { "p": {} } }, "home": { "category": "alarm_point", "events": [ "tripped" ] } },
          "sites": [ { "id": "s1", "buildings": [
            { "id": "b1", "equipment": [ { "id": "pump-1", "kind": "pump" }, { "id": "alarm-0301", "kind": "home", "resident": { "name": "Mei Lin", "phone": "+86 138 0000 0301" } } ] },
            { "id": "b2", "equipment": [ { "id": "pump-2", "kind": "pump" } ] } ] } ]
        }
        """;

    private readonly string _folder = Directory.CreateTempSubdirectory("fhub-mqtt-").FullName;

    private string TopologyFile => Path.Combine(_folder, "topology.json");
    private string Out => Path.Combine(_folder, "broker");

    public MqttCredentialsTests() => File.WriteAllText(TopologyFile, Topology);

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private Task<CliRun> GenerateAsync(params string[] extra) => CliRun.RunAsync(["mqtt", "credentials", "--topology", TopologyFile, "--out", Out, .. extra]);

    private Dictionary<string, string> Credentials() => MqttCredentials.Parse(File.ReadAllText(Path.Combine(Out, CredentialFiles.Credentials)));

    [Fact]
    public async Task Each_device_may_publish_only_under_its_own_topic_and_the_hub_may_only_read()
    {
        var run = await GenerateAsync();

        Assert.Equal((0, ""), (run.ExitCode, run.Error));
        string acl = File.ReadAllText(Path.Combine(Out, CredentialFiles.AclFile));
        var rules = acl.Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(l => !l.StartsWith('#'));
        Assert.Equal(
        [
            "user facilityhub.hub", "topic read facility/#",
            "user pump-1", "topic write facility/s1/b1/pump-1/#",
            "user alarm-0301", "topic write facility/s1/b1/alarm-0301/#",
            "user pump-2", "topic write facility/s1/b2/pump-2/#",
        ], rules);
    }

    [Fact]
    [UnsupportedOSPlatform("windows")] // file modes
    public async Task Passwords_are_random_hashed_for_mosquitto_readable_by_the_owner_only_and_never_printed()
    {
        var run = await GenerateAsync();

        var credentials = Credentials();
        Assert.Equal(["facilityhub.hub", "pump-1", "alarm-0301", "pump-2"], credentials.Keys);
        Assert.All(credentials.Values, p => Assert.Matches("^[A-Za-z0-9_-]{43}$", p));
        Assert.Equal(4, credentials.Values.Distinct().Count());
        var hashed = File.ReadAllLines(Path.Combine(Out, CredentialFiles.PasswordFile));
        Assert.Equal(credentials.Keys, hashed.Select(l => l[..l.IndexOf(':')]));
        Assert.All(hashed, l => Assert.StartsWith("$7$", l[(l.IndexOf(':') + 1)..]));
        Assert.All(credentials.Values, p => Assert.DoesNotContain(p, run.Out + run.Error + string.Join("\n", hashed)));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(Out));
        Assert.All(new[] { CredentialFiles.Credentials, CredentialFiles.PasswordFile, CredentialFiles.AclFile },
            f => Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(Out, f))));
        Assert.Equal([CredentialFiles.AclFile, CredentialFiles.Credentials, CredentialFiles.PasswordFile],
            Directory.GetFiles(Out).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        Assert.DoesNotContain("Mei Lin", File.ReadAllText(Path.Combine(Out, CredentialFiles.Credentials)) + File.ReadAllText(Path.Combine(Out, CredentialFiles.AclFile)));
    }

    [Fact]
    public async Task Running_again_keeps_every_password_gives_a_new_device_one_and_drops_a_removed_one()
    {
        await GenerateAsync();
        var first = Credentials();
        File.WriteAllText(TopologyFile, Topology.Replace("""{ "id": "pump-2", "kind": "pump" }""", """{ "id": "pump-3", "kind": "pump" }"""));

        var again = await GenerateAsync();

        var second = Credentials();
        Assert.Equal(0, again.ExitCode);
        Assert.Contains("1 new, 3 kept, 1 removed", again.Out);
        Assert.Equal(["facilityhub.hub", "pump-1", "alarm-0301", "pump-3"], second.Keys);
        Assert.All(new[] { "facilityhub.hub", "pump-1", "alarm-0301" }, u => Assert.Equal(first[u], second[u]));
        Assert.DoesNotContain(first["pump-2"], second.Values);
        Assert.Contains("user pump-3\ntopic write facility/s1/b2/pump-3/#", File.ReadAllText(Path.Combine(Out, CredentialFiles.AclFile)));
    }

    [Fact]
    public async Task A_damaged_credentials_file_is_named_by_line_and_left_as_it_is()
    {
        await GenerateAsync();
        string path = Path.Combine(Out, CredentialFiles.Credentials);
        File.AppendAllText(path, "pump-9 secret-without-colon\n");
        string before = File.ReadAllText(path);

        var run = await GenerateAsync();

        Assert.Equal(1, run.ExitCode);
        Assert.Equal($"fhub: {path}: line 9 is not username:password; fix or delete it (deleting gives every device a new password)", run.Error.Trim());
        Assert.DoesNotContain("secret-without-colon", run.Error);
        Assert.Equal(before, File.ReadAllText(path));
    }

    [Fact]
    public async Task A_hub_user_that_is_also_a_device_or_not_a_broker_name_is_refused()
    {
        var clash = await GenerateAsync("--hub-user", "pump-1");
        var bad = await GenerateAsync("--hub-user", "hub:1");

        Assert.Equal(1, clash.ExitCode);
        Assert.Equal($"fhub: --hub-user 'pump-1' is also an equipment id in {TopologyFile}; choose another", clash.Error.Trim());
        Assert.NotEqual(0, bad.ExitCode);
        Assert.Contains("Invalid value 'hub:1' for --hub-user", bad.Error);
        Assert.False(Directory.Exists(Out));
    }
}
