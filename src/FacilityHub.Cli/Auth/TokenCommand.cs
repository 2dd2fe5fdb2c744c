using System.CommandLine;
using FacilityHub.Auth;
using FacilityHub.Cli.CommandLine;

namespace FacilityHub.Cli.Auth;

/// <summary>fhub token: mints a bearer token with the hub's signing key, for local runs and tests. In production
/// the tokens come from whoever holds the key (or the identity provider); staff never need the key.</summary>
internal static class TokenCommand
{
    public static readonly TimeSpan DefaultLifetime = TimeSpan.FromHours(8);

    public static Command Create(CliContext context)
    {
        var role = new Option<string>("--role")
        {
            Description = $"The caller's role: {string.Join(", ", HubRoles.All)}.",
            HelpName = "ROLE",
            Required = true,
            CustomParser = result =>
            {
                var text = result.Tokens.Count > 0 ? result.Tokens[0].Value.Trim() : "";
                if (HubRoles.IsKnown(text)) return text;
                result.AddError($"Invalid value '{text}' for --role: expected one of {string.Join(", ", HubRoles.All)}.");
                return "";
            },
        };
        var name = new Option<string>("--name")
        {
            Description = "Who the token stands for; the hub records it as the actor of every action taken with it.",
            HelpName = "NAME",
            Required = true,
            CustomParser = result =>
            {
                var text = result.Tokens.Count > 0 ? result.Tokens[0].Value : "";
                if (HubTokens.IsValidName(text)) return text;
                result.AddError($"Invalid value '{text}' for --name: expected 1 to {HubTokens.MaxNameLength} printable characters, no leading or trailing blanks.");
                return "";
            },
        };
        var ttl = Durations.CreateOption("--ttl", $"How long the token is valid (default {Durations.Format(DefaultLifetime)}).");
        var keyFile = new Option<string>("--key-file")
        {
            Description = $"File holding the hub's signing key (Auth:SigningKey); {FhubEnvironment.SigningKeyVariable} gives it otherwise.",
            HelpName = "PATH",
        };
        var issuer = new Option<string>("--issuer") { Description = "The hub's Auth:Issuer.", HelpName = "ISS", DefaultValueFactory = _ => HubTokens.DefaultIssuer };
        var audience = new Option<string>("--audience") { Description = "The hub's Auth:Audience.", HelpName = "AUD", DefaultValueFactory = _ => HubTokens.DefaultAudience };

        var command = new Command("token", $"Mint a bearer token for the hub and print it (use it as {FhubEnvironment.TokenVariable} or --token).")
        {
            role, name, ttl, keyFile, issuer, audience,
        };
        command.SetAction(async (parseResult, ct) =>
        {
            string? path = parseResult.GetValue(keyFile);
            string? text;
            try
            {
                text = path is null ? context.SigningKey : await File.ReadAllTextAsync(path, ct);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                await context.Error.WriteLineAsync($"fhub: cannot read the key file {path}: {e.Message}");
                return 1;
            }
            if (string.IsNullOrWhiteSpace(text))
            {
                await context.Error.WriteLineAsync($"fhub: no signing key: set {FhubEnvironment.SigningKeyVariable} or --key-file (the hub's Auth:SigningKey)");
                return 1;
            }
            var key = SigningKey.TryParse(text, out string problem);
            if (key is null)
            {
                await context.Error.WriteLineAsync($"fhub: the signing key {problem}");
                return 1;
            }

            var token = HubTokens.Mint(key, parseResult.GetValue(role)!, parseResult.GetValue(name)!, parseResult.GetValue(ttl) ?? DefaultLifetime,
                context.Time, parseResult.GetValue(issuer)!, parseResult.GetValue(audience)!);
            await context.Output.WriteLineAsync(token);
            return 0;
        });
        return command;
    }
}
