using System.CommandLine;
using System.Text.RegularExpressions;
using FacilityHub.Domain.Topology;

namespace FacilityHub.Cli.Mqtt;

/// <summary>fhub mqtt credentials --topology FILE --out DIR: the broker accounts of every device and of the hub, and
/// mosquitto's password_file and acl_file for them. Local files only; no call to the hub.</summary>
internal static partial class MqttCommand
{
    public static Command Create(CliContext context)
    {
        var topology = new Option<string>("--topology") { Description = "The topology file (e.g. deploy/topology.json): one account per equipment item.", HelpName = "FILE", Required = true };
        var output = new Option<string>("--out") { Description = $"Folder to write {CredentialFiles.Credentials} (secret), {CredentialFiles.PasswordFile} and {CredentialFiles.AclFile} into; created mode 700.", HelpName = "DIR", Required = true };
        var hubUser = new Option<string>("--hub-user")
        {
            Description = $"The hub's broker user (Mqtt:Username), default {MqttCredentials.DefaultHubUser}.",
            HelpName = "NAME",
            DefaultValueFactory = _ => MqttCredentials.DefaultHubUser,
            CustomParser = result =>
            {
                var text = result.Tokens.Count > 0 ? result.Tokens[0].Value : "";
                if (UserPattern().IsMatch(text)) return text;
                result.AddError($"Invalid value '{text}' for --hub-user: 1-64 of a-z, 0-9, '.', '_', '-'.");
                return "";
            },
        };

        var credentials = new Command("credentials",
            "Give every device of the topology, and the hub, a broker account with a random password (existing ones are kept), and write " +
            "mosquitto's password_file and acl_file: a device may publish only under facility/SITE/BUILDING/ITEM/, the hub may only read. " +
            "Passwords are never printed. Needs mosquitto_passwd (Debian package mosquitto).")
        {
            topology, output, hubUser,
        };
        credentials.SetAction(async (parseResult, ct) =>
        {
            string topologyPath = Path.GetFullPath(parseResult.GetValue(topology)!);
            var files = new CredentialFiles(parseResult.GetValue(output)!);
            string? mosquittoPasswd = CredentialFiles.FindMosquittoPasswd();
            if (mosquittoPasswd is null)
            {
                await context.Error.WriteLineAsync("fhub: mosquitto_passwd not found; install the Debian package mosquitto (bash deploy/infra.sh install)");
                return 1;
            }
            try
            {
                var estate = TopologyLoader.LoadFile(topologyPath);
                if (estate.TryGetEquipment(parseResult.GetValue(hubUser)!, out var clash))
                {
                    await context.Error.WriteLineAsync($"fhub: --hub-user '{clash.Id}' is also an equipment id in {topologyPath}; choose another");
                    return 1;
                }
                var accounts = MqttCredentials.For(estate, parseResult.GetValue(hubUser)!, await files.ReadExistingAsync(ct));
                await files.WriteAsync(accounts, topologyPath, mosquittoPasswd, ct);
                await context.Output.WriteLineAsync(
                    $"fhub: broker accounts for the hub ({accounts.HubUser}) and {accounts.Devices.Count} devices in {files.Folder}: " +
                    $"{accounts.Added} new, {accounts.Users.Count() - accounts.Added} kept, {accounts.Removed} removed; " +
                    $"mosquitto: {CredentialFiles.PasswordFile}, {CredentialFiles.AclFile}; passwords: {CredentialFiles.Credentials} (mode 600)");
                return 0;
            }
            catch (Exception e) when (e is TopologyException or FormatException or IOException or UnauthorizedAccessException)
            {
                await context.Error.WriteLineAsync($"fhub: {e.Message}");
                return 1;
            }
        });

        return new Command("mqtt", "The MQTT broker's accounts for the devices and the hub.") { credentials };
    }

    [GeneratedRegex(@"^[a-z0-9][a-z0-9._-]{0,63}\z")]
    private static partial Regex UserPattern();
}
