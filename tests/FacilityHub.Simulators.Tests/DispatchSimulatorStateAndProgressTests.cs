using FacilityHub.Auth;
using FacilityHub.Testing;
using FacilityHub.Dispatch.V1;
using Microsoft.IdentityModel.JsonWebTokens;
using FacilityHub.DispatchSimulator;

namespace FacilityHub.Simulators.Tests;

public sealed class DispatchSimulatorStateAndProgressTests : IDisposable
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(20);
    private readonly string _folder = Directory.CreateTempSubdirectory("fhub-dispatch-sim-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task A_restarted_simulator_with_a_state_file_still_deduplicates()
    {
        var options = new DispatchSimulatorOptions { Port = 0, Output = TextWriter.Null, StateFile = Path.Combine(_folder, "sub", "orders.json") };
        string firstId;
        await using (var first = await DispatchSimulatorServer.StartAsync(options, CancellationToken.None))
        {
            using var client = new DispatchTestClient(first.Url);
            firstId = (await client.CreateAsync("key-a")).DispatchOrderId;
        }

        await using var second = await DispatchSimulatorServer.StartAsync(options, CancellationToken.None);
        using var client2 = new DispatchTestClient(second.Url);
        var again = await client2.CreateAsync("key-a");
        var fresh = await client2.CreateAsync("key-b");

        Assert.False(again.Created);
        Assert.Equal(firstId, again.DispatchOrderId);
        Assert.True(fresh.Created);
        Assert.Equal("D-000002", fresh.DispatchOrderId);
        Assert.Equal(2, second.Orders.Single(o => o.Order.IdempotencyKey == "key-a").CreateCalls);
        Assert.Equal("Room 301 of Mrs Example", second.Orders[0].Order.Location);
    }

    [Fact]
    public async Task A_corrupt_state_file_stops_the_start_with_a_clear_error()
    {
        var path = Path.Combine(_folder, "orders.json");
        await File.WriteAllTextAsync(path, "{ not json");

        var ex = await Assert.ThrowsAsync<InvalidDataException>(() =>
            DispatchSimulatorServer.StartAsync(new DispatchSimulatorOptions { Port = 0, Output = TextWriter.Null, StateFile = path }, CancellationToken.None));

        Assert.Contains(path, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reports_accepted_to_the_hub_in_the_background_retrying_while_it_is_unavailable()
    {
        await using var hub = await FakeHub.StartAsync(failFirst: 2);
        var options = new DispatchSimulatorOptions
        {
            Port = 0,
            Output = TextWriter.Null,
            HubUrl = hub.Url,
            ProgressRetryBaseDelay = TimeSpan.FromMilliseconds(20),
            ProgressRetryMaxDelay = TimeSpan.FromMilliseconds(100),
        };
        await using var server = await DispatchSimulatorServer.StartAsync(options, CancellationToken.None);
        using var client = new DispatchTestClient(server.Url);

        var created = await client.CreateAsync("rs-b1-pump-1/pressure_collapse/1");
        await client.CreateAsync("rs-b1-pump-1/pressure_collapse/1");

        await Eventually.UntilAsync(() => Task.FromResult(server.ProgressReportsDelivered == 1), Deadline, "the hub took the ACCEPTED report");
        var report = Assert.Single(hub.Reports);
        Assert.Equal(ProgressKind.Accepted, report.Kind);
        Assert.Equal(created.DispatchOrderId, report.DispatchOrderId);
        Assert.Equal("rs-b1-pump-1/pressure_collapse/1", report.IdempotencyKey);
        Assert.NotEmpty(report.ReportId);
        Assert.NotNull(report.OccurredAt);
        Assert.Equal(3, hub.Attempts);
    }

    [Fact]
    public async Task Reports_carry_a_token_of_the_dispatch_role_signed_with_the_hub_s_key()
    {
        const string Key = "a-signing-key-of-at-least-32-bytes-for-tests";
        await using var hub = await FakeHub.StartAsync(failFirst: 1);
        var options = new DispatchSimulatorOptions
        {
            Port = 0,
            Output = TextWriter.Null,
            HubUrl = hub.Url,
            HubSigningKey = Key,
            ProgressRetryBaseDelay = TimeSpan.FromMilliseconds(20),
        };
        await using var server = await DispatchSimulatorServer.StartAsync(options, CancellationToken.None);
        using var client = new DispatchTestClient(server.Url);

        await client.CreateAsync("rs-b1-pump-1/pressure_collapse/1");
        await Eventually.UntilAsync(() => Task.FromResult(server.ProgressReportsDelivered == 1), Deadline, "the hub took the ACCEPTED report");

        Assert.Equal(2, hub.Authorizations.Count);
        foreach (var header in hub.Authorizations)
        {
            Assert.StartsWith("Bearer ", header, StringComparison.Ordinal);
            var validated = await new JsonWebTokenHandler().ValidateTokenAsync(header["Bearer ".Length..], HubTokens.ValidationParameters(SigningKey.TryParse(Key, out _)!));
            Assert.True(validated.IsValid, validated.Exception?.Message);
            Assert.Equal(("dispatch-simulator", HubRoles.Dispatch), (validated.ClaimsIdentity.Name, validated.ClaimsIdentity.FindFirst("role")?.Value));
        }
    }

    [Fact]
    public async Task A_signing_key_shorter_than_32_bytes_is_refused_at_start()
    {
        var ex = await Assert.ThrowsAsync<ArgumentException>(() => DispatchSimulatorServer.StartAsync(
            new DispatchSimulatorOptions { Port = 0, Output = TextWriter.Null, HubUrl = new Uri("http://127.0.0.1:9"), HubSigningKey = "short" }, CancellationToken.None));

        Assert.Contains("is 5 bytes", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Stops_promptly_while_the_hub_is_unreachable()
    {
        // Nothing listens on the hub address: the report keeps being retried until the simulator stops.
        var options = new DispatchSimulatorOptions
        {
            Port = 0,
            Output = TextWriter.Null,
            HubUrl = new Uri("http://127.0.0.1:9"),
            ProgressRetryBaseDelay = TimeSpan.FromMilliseconds(20),
        };
        var server = await DispatchSimulatorServer.StartAsync(options, CancellationToken.None);
        using (var client = new DispatchTestClient(server.Url))
        {
            Assert.True((await client.CreateAsync("k")).Created);
        }

        var stop = server.DisposeAsync().AsTask();
        Assert.Same(stop, await Task.WhenAny(stop, Task.Delay(Deadline)));
        Assert.Equal(0, server.ProgressReportsDelivered);
    }
}
