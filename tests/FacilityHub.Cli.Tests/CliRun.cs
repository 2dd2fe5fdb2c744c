using System.Net;
using System.Net.Sockets;

namespace FacilityHub.Cli.Tests;

/// <summary>What a user sees after running fhub in-process: exit code, stdout, stderr.</summary>
internal sealed record CliRun(int ExitCode, string Out, string Error)
{
    public static readonly DateTimeOffset Now = new(2026, 11, 25, 10, 0, 3, TimeSpan.Zero);

    public string[] ErrorLines => Error.Split('\n', StringSplitOptions.RemoveEmptyEntries);

    public static Task<CliRun> RunAsync(params string[] args) => RunWithHubAsync(ClosedHub(), args);

    /// <param name="hubUrl">What FHUB_URL says.</param>
    public static Task<CliRun> RunWithHubAsync(string hubUrl, params string[] args) => RunWithAsync(new FhubEnvironment(hubUrl, new FixedTime(Now)), args);

    /// <summary>With FHUB_TOKEN and FHUB_SIGNING_KEY as given (and no hub listening at FHUB_URL).</summary>
    public static Task<CliRun> RunWithVariablesAsync(string? token, string? signingKey, params string[] args) =>
        RunWithAsync(new FhubEnvironment(ClosedHub(), new FixedTime(Now)) { Token = token, SigningKey = signingKey }, args);

    public static async Task<CliRun> RunWithAsync(FhubEnvironment environment, params string[] args)
    {
        var stdout = new StringWriter { NewLine = "\n" };
        var stderr = new StringWriter { NewLine = "\n" };
        var exitCode = await FhubCli.RunAsync(args, stdout, stderr, environment);
        return new CliRun(exitCode, stdout.ToString(), stderr.ToString());
    }

    /// <summary>An address on loopback where nothing listens: bound by the OS a moment ago, then released.</summary>
    public static string ClosedHub()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return $"http://127.0.0.1:{port}";
    }

    internal sealed class FixedTime(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
