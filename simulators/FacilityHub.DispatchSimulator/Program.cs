using System.CommandLine;
using FacilityHub.DispatchSimulator;

// Stand-in for the company's dispatch system: serves dispatch.v1.DispatchService on 127.0.0.1
// until Ctrl-C. Exit codes: 0 stopped, 1 could not start, 2 bad arguments.

var portOption = new Option<int>("--port")
{
    Description = "TCP port on 127.0.0.1 (0 = any free port)",
    DefaultValueFactory = _ => DispatchSimulatorOptions.DefaultPort,
};
portOption.Validators.Add(result =>
{
    var port = result.GetValueOrDefault<int>();
    if (port is < 0 or > 65535)
    {
        result.AddError("--port must be between 0 and 65535.");
    }
});

var hubUrlOption = new Option<Uri?>("--hub-url")
{
    Description = "The hub's gRPC address (e.g. http://127.0.0.1:5080); when set, every new order is reported back as ACCEPTED",
    CustomParser = result =>
    {
        var text = result.Tokens.Single().Value;
        if (Uri.TryCreate(text, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps))
        {
            return uri;
        }

        result.AddError($"--hub-url must be an absolute http:// or https:// address, not '{text}'.");
        return null;
    },
};

var hubKeyFileOption = new Option<string?>("--hub-key-file")
{
    Description = "File holding the hub's signing key (its Auth:SigningKey); FHUB_SIGNING_KEY gives it otherwise. Needed with --hub-url: each report carries a token of role dispatch",
};

var stateFileOption = new Option<string?>("--state-file")
{
    Description = "JSON file that keeps the received orders across restarts (created if missing)",
};

Option<double> Seconds(string name, string description)
{
    var option = new Option<double>(name) { Description = description, HelpName = "SECONDS" };
    option.Validators.Add(result =>
    {
        if (result.GetValueOrDefault<double>() is < 0 or > 86_400 * 30)
        {
            result.AddError($"{name} must be between 0 and 2592000 seconds.");
        }
    });
    return option;
}

var acceptAfterOption = Seconds("--accept-after", "Accept each new order this long after receiving it (default: at once); needs --hub-url");
var rejectOption = new Option<string?>("--reject") { Description = "Reject every new order with this reason instead of accepting it; needs --hub-url", HelpName = "REASON" };
var downForOption = Seconds("--down-for", "Answer every call UNAVAILABLE for this long after starting: a dispatch system that is down");
var answerDelayOption = Seconds("--answer-delay", "Carry out each call at once but answer it this late: a slow dispatch system");
var walkOption = new Option<WalkStep[]>("--walk")
{
    Description = $"A step of each accepted order, KIND+SECONDS after the acceptance (repeatable, in order); KIND is one of {string.Join(", ", WalkStep.Kinds.Keys)}",
    HelpName = "KIND+SECONDS",
    AllowMultipleArgumentsPerToken = false,
    CustomParser = result =>
    {
        var steps = new List<WalkStep>();
        foreach (var token in result.Tokens)
        {
            try
            {
                steps.Add(WalkStep.Parse(token.Value));
            }
            catch (FormatException ex)
            {
                result.AddError($"--walk {ex.Message}.");
            }
        }

        return [.. steps];
    },
};
var rescheduleByOption = Seconds("--reschedule-by", "NOBODY_HOME and RESCHEDULED book the next visit this long after (default 7200)");

var rootCommand = new RootCommand("FacilityHub dispatch simulator: a fake dispatch system serving dispatch.v1.DispatchService over plaintext gRPC on 127.0.0.1.");
rootCommand.Options.Add(portOption);
rootCommand.Options.Add(hubUrlOption);
rootCommand.Options.Add(hubKeyFileOption);
rootCommand.Options.Add(stateFileOption);
rootCommand.Options.Add(acceptAfterOption);
rootCommand.Options.Add(rejectOption);
rootCommand.Options.Add(downForOption);
rootCommand.Options.Add(answerDelayOption);
rootCommand.Options.Add(walkOption);
rootCommand.Options.Add(rescheduleByOption);
rootCommand.SetAction(async (parseResult, cancellationToken) =>
{
    var hubUrl = parseResult.GetValue(hubUrlOption);
    string? hubKey = null;
    if (hubUrl is not null)
    {
        var keyFile = parseResult.GetValue(hubKeyFileOption);
        try
        {
            hubKey = keyFile is null ? Environment.GetEnvironmentVariable("FHUB_SIGNING_KEY") : await File.ReadAllTextAsync(keyFile, cancellationToken);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            Console.Error.WriteLine($"[dispatch] cannot read --hub-key-file {keyFile}: {ex.Message}");
            return 2;
        }

        if (string.IsNullOrWhiteSpace(hubKey))
        {
            Console.Error.WriteLine("[dispatch] --hub-url needs the hub's signing key: --hub-key-file PATH or FHUB_SIGNING_KEY");
            return 2;
        }

        if (FacilityHub.Auth.SigningKey.TryParse(hubKey, out var problem) is null)
        {
            Console.Error.WriteLine($"[dispatch] the hub's signing key {problem}");
            return 2;
        }
    }

    var options = new DispatchSimulatorOptions
    {
        Port = parseResult.GetValue(portOption),
        HubUrl = hubUrl,
        HubSigningKey = hubKey,
        StateFile = parseResult.GetValue(stateFileOption),
        AcceptDelay = TimeSpan.FromSeconds(parseResult.GetValue(acceptAfterOption)),
        RejectReason = parseResult.GetValue(rejectOption),
        DownFor = TimeSpan.FromSeconds(parseResult.GetValue(downForOption)),
        AnswerDelay = TimeSpan.FromSeconds(parseResult.GetValue(answerDelayOption)),
        Walk = parseResult.GetValue(walkOption) ?? [],
        RescheduleBy = parseResult.GetResult(rescheduleByOption) is null ? TimeSpan.FromHours(2) : TimeSpan.FromSeconds(parseResult.GetValue(rescheduleByOption)),
    };

    DispatchSimulatorServer server;
    try
    {
        server = await DispatchSimulatorServer.StartAsync(options, cancellationToken);
    }
    catch (IOException ex)
    {
        // Port taken, or the state file unreadable: say which, no stack trace.
        Console.Error.WriteLine($"[dispatch] cannot start on 127.0.0.1:{options.Port}: {ex.Message}");
        return 1;
    }
    catch (OperationCanceledException)
    {
        return 0;
    }

    await using (server)
    {
        var orders = server.Orders.Count;
        var loaded = options.StateFile is null ? "" : $", state file {Path.GetFullPath(options.StateFile)} ({orders} orders loaded)";
        var hub = options.HubUrl is null ? "" : $", reporting progress to {options.HubUrl.GetLeftPart(UriPartial.Authority)} as {options.HubIdentity}";
        Console.WriteLine($"[dispatch] listening on {server.Url.GetLeftPart(UriPartial.Authority)} (gRPC, HTTP/2 plaintext){loaded}{hub}. Ctrl-C to stop.");
        try
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
        }
        catch (OperationCanceledException)
        {
            // Ctrl-C or SIGTERM: System.CommandLine cancels the token.
        }

        Console.WriteLine($"[dispatch] stopping ({server.Orders.Count} orders, {server.CreateCalls} create calls)");
    }

    return 0;
});

var parsed = rootCommand.Parse(args);
if (parsed.Errors.Count > 0)
{
    foreach (var error in parsed.Errors)
    {
        Console.Error.WriteLine($"[dispatch] {error.Message}");
    }

    return 2;
}

// System.CommandLine 2.0.0 turns Ctrl-C/SIGTERM into cancellation only when given a termination
// timeout explicitly; without it the process dies on the signal with no chance to stop cleanly.
return await parsed.InvokeAsync(new InvocationConfiguration { ProcessTerminationTimeout = TimeSpan.FromSeconds(10) });
