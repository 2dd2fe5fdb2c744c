using System.Diagnostics;

namespace FacilityHub.Cli.Mqtt;

/// <summary>
/// The folder <c>fhub mqtt credentials</c> writes: <see cref="Credentials"/> (plaintext, for the hub and the devices),
/// <see cref="PasswordFile"/> (mosquitto's password_file, hashed by mosquitto_passwd) and <see cref="AclFile"/>
/// (mosquitto's acl_file). The folder is mode 700 and every file 600; each is written whole and then renamed into
/// place, so a reader never sees half a file.
/// </summary>
public sealed class CredentialFiles(string folder)
{
    public const string Credentials = "credentials";
    public const string PasswordFile = "password_file";
    public const string AclFile = "acl_file";

    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private const UnixFileMode OwnerOnlyFolder = OwnerOnly | UnixFileMode.UserExecute;

    public string Folder { get; } = Path.GetFullPath(folder);

    public string PathOf(string file) => Path.Combine(Folder, file);

    /// <summary>The users and passwords of an earlier run; none when there was none.</summary>
    /// <exception cref="FormatException">The file is there but is not a credentials file (the message never quotes it).</exception>
    public async Task<Dictionary<string, string>> ReadExistingAsync(CancellationToken ct)
    {
        string path = PathOf(Credentials);
        if (!File.Exists(path)) return new Dictionary<string, string>(StringComparer.Ordinal);
        try
        {
            return MqttCredentials.Parse(await File.ReadAllTextAsync(path, ct));
        }
        catch (FormatException e)
        {
            throw new FormatException($"{path}: {e.Message}; fix or delete it (deleting gives every device a new password)", e);
        }
    }

    public async Task WriteAsync(MqttCredentials credentials, string topologyPath, string mosquittoPasswd, CancellationToken ct)
    {
        if (OperatingSystem.IsWindows()) Directory.CreateDirectory(Folder);
        else Directory.CreateDirectory(Folder, OwnerOnlyFolder);

        // Hashed in a file of its own next to the target: the plaintext never stands under the broker's file name.
        string hashing = PathOf($".{PasswordFile}.{Environment.ProcessId}.tmp");
        try
        {
            await WriteOwnerOnlyAsync(hashing, credentials.RenderPlainPasswordFile(), ct);
            await HashAsync(mosquittoPasswd, hashing, ct);
            Restrict(hashing);
            File.Move(hashing, PathOf(PasswordFile), overwrite: true);
        }
        finally
        {
            File.Delete(hashing);
        }
        await ReplaceAsync(AclFile, credentials.RenderAcl(topologyPath), ct);
        // Last: a run that failed above leaves the earlier credentials, which the broker's files still match.
        await ReplaceAsync(Credentials, credentials.RenderCredentials(topologyPath), ct);
    }

    /// <summary>mosquitto_passwd on PATH, in /usr/bin or /usr/sbin; null when not installed.</summary>
    public static string? FindMosquittoPasswd() =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Concat(["/usr/bin", "/usr/sbin", "/usr/local/bin"])
            .Select(d => Path.Combine(d, "mosquitto_passwd"))
            .FirstOrDefault(File.Exists);

    private async Task ReplaceAsync(string file, string text, CancellationToken ct)
    {
        string temporary = PathOf($".{file}.{Environment.ProcessId}.tmp");
        try
        {
            await WriteOwnerOnlyAsync(temporary, text, ct);
            File.Move(temporary, PathOf(file), overwrite: true);
        }
        finally
        {
            File.Delete(temporary);
        }
    }

    private static async Task WriteOwnerOnlyAsync(string path, string text, CancellationToken ct)
    {
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows()) options.UnixCreateMode = OwnerOnly;
        await using (var stream = new FileStream(path, options))
        await using (var writer = new StreamWriter(stream))
        {
            await writer.WriteAsync(text.AsMemory(), ct);
        }
        Restrict(path); // the file may have been there already, with wider permissions
    }

    private static void Restrict(string path)
    {
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(path, OwnerOnly);
    }

    /// <summary><c>mosquitto_passwd -U FILE</c>: replaces each password in the file by its hash (PBKDF2-SHA512).</summary>
    private static async Task HashAsync(string mosquittoPasswd, string file, CancellationToken ct)
    {
        var info = new ProcessStartInfo(mosquittoPasswd) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add("-U");
        info.ArgumentList.Add(file);
        using var process = Process.Start(info) ?? throw new IOException($"{mosquittoPasswd} did not start");
        var output = process.StandardOutput.ReadToEndAsync(ct);
        var error = process.StandardError.ReadToEndAsync(ct);
        await process.WaitForExitAsync(ct);
        if (process.ExitCode != 0)
        {
            string said = ((await error).Trim() + " " + (await output).Trim()).Trim();
            throw new IOException($"{mosquittoPasswd} -U failed with exit code {process.ExitCode}{(said.Length > 0 ? ": " + said : "")}");
        }
    }
}
