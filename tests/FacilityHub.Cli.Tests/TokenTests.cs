using FacilityHub.Auth;
using Microsoft.IdentityModel.JsonWebTokens;

namespace FacilityHub.Cli.Tests;

/// <summary>fhub token, and the token on fhub's calls.</summary>
public sealed class TokenTests(FakeHub hub) : IClassFixture<FakeHub>
{
    private const string Key = "base64:q83vEjRWeJCrze8SNFZ4kKvN7xI0VniQq83vEjRWeJA=";

    [Fact]
    public async Task Token_mints_a_jwt_signed_with_the_key_for_the_role_and_name_valid_for_the_ttl()
    {
        var run = await CliRun.RunWithVariablesAsync(null, Key, "token", "--role", "customer_service", "--name", "Li Wei", "--ttl", "2h");

        Assert.Equal(0, run.ExitCode);
        var token = Assert.Single(run.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        var parameters = HubTokens.ValidationParameters(SigningKey.TryParse(Key, out _)!);
        parameters.ValidateLifetime = false; // minted on the tests' fixed clock
        var validated = await new JsonWebTokenHandler().ValidateTokenAsync(token, parameters);
        Assert.True(validated.IsValid, validated.Exception?.Message);
        Assert.Equal("Li Wei", validated.ClaimsIdentity.Name);
        Assert.Equal(HubRoles.CustomerService, validated.ClaimsIdentity.FindFirst("role")?.Value);
        var jwt = new JsonWebToken(token);
        Assert.Equal(CliRun.Now.UtcDateTime, jwt.IssuedAt);
        Assert.Equal(TimeSpan.FromHours(2), jwt.ValidTo - jwt.IssuedAt);
    }

    [Fact]
    public async Task Token_reads_the_key_from_a_key_file_too()
    {
        string file = Path.GetTempFileName();
        try
        {
            await File.WriteAllTextAsync(file, "a text key that is at least thirty-two bytes long\n");
            var run = await CliRun.RunWithVariablesAsync(null, null, "token", "--role", "operator", "--name", "alice", "--key-file", file);

            Assert.Equal(0, run.ExitCode);
            var jwt = new JsonWebToken(run.Out.Trim());
            Assert.Equal(TimeSpan.FromHours(8), jwt.ValidTo - jwt.IssuedAt);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task Without_a_key_or_with_a_short_one_token_says_what_is_wrong_without_showing_it()
    {
        var none = await CliRun.RunWithVariablesAsync(null, null, "token", "--role", "operator", "--name", "alice");
        var shortKey = await CliRun.RunWithVariablesAsync(null, "sesame", "token", "--role", "operator", "--name", "alice");

        Assert.Equal((1, "fhub: no signing key: set FHUB_SIGNING_KEY or --key-file (the hub's Auth:SigningKey)"), (none.ExitCode, none.Error.Trim()));
        Assert.Equal(1, shortKey.ExitCode);
        Assert.Equal("fhub: the signing key is 6 bytes; at least 32 bytes: text, or base64:<base64>", shortKey.Error.Trim());
    }

    [Fact]
    public async Task An_unknown_role_or_a_blank_name_is_refused_naming_the_choices()
    {
        var role = await CliRun.RunWithVariablesAsync(null, Key, "token", "--role", "janitor", "--name", "alice");
        var name = await CliRun.RunWithVariablesAsync(null, Key, "token", "--role", "operator", "--name", " ");

        Assert.NotEqual(0, role.ExitCode);
        Assert.Contains("Invalid value 'janitor' for --role: expected one of operator, engineer, customer_service, quality, admin, dispatch.", role.Error);
        Assert.NotEqual(0, name.ExitCode);
        Assert.Contains("Invalid value ' ' for --name", name.Error);
    }

    [Fact]
    public async Task Every_call_carries_the_token_from_FHUB_TOKEN_or_token_as_a_bearer_header()
    {
        var fromVariable = await CliRun.RunWithAsync(new FhubEnvironment(hub.Url, TimeProvider.System) { Token = "token-from-variable" }, "ingestion", "stats");
        var fromOption = await CliRun.RunWithAsync(new FhubEnvironment(hub.Url, TimeProvider.System) { Token = "token-from-variable" }, "--token", "token-from-option", "ingestion", "stats");
        var without = await CliRun.RunWithAsync(new FhubEnvironment(hub.Url, TimeProvider.System), "ingestion", "stats");

        Assert.Equal((0, 0, 0), (fromVariable.ExitCode, fromOption.ExitCode, without.ExitCode));
        Assert.Equal(["Bearer token-from-variable", "Bearer token-from-option", ""], hub.StatsAuthorizations);
    }

    [Fact]
    public async Task Help_does_not_print_the_token_from_FHUB_TOKEN()
    {
        // Tried: the top-level help and a command's, with a token in FHUB_TOKEN (help showed it as --token's default).
        var top = await CliRun.RunWithVariablesAsync("eyJ-secret-token", null, "--help");
        var alarms = await CliRun.RunWithVariablesAsync("eyJ-secret-token", null, "alarms", "--help");

        Assert.Equal((0, 0), (top.ExitCode, alarms.ExitCode));
        Assert.Contains("--token <JWT>", alarms.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("eyJ-secret-token", top.Out + top.Error + alarms.Out + alarms.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_token_is_not_sent_in_plaintext_to_a_hub_off_this_machine()
    {
        // Refused before any connection is tried.
        var run = await CliRun.RunWithVariablesAsync("some-token", null, "--hub", "http://0.0.0.0:5080", "ingestion", "stats");

        Assert.Equal(1, run.ExitCode);
        Assert.Equal("fhub: not sending a token in plaintext to http://0.0.0.0:5080: use https://, or plaintext on this machine (127.0.0.1)", run.Error.Trim());
    }
}
