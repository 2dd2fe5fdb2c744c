namespace FacilityHub.DispatchSimulator;

/// <summary>
/// A host lifetime that hooks no signals: whoever started the server (Program on Ctrl-C, or a test)
/// stops it. The default console lifetime would grab Ctrl-C/SIGTERM inside a test host too.
/// </summary>
internal sealed class OwnerControlledLifetime : IHostLifetime
{
    public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
