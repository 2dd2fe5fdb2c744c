using FacilityHub.Dispatch.V1;
using FacilityHub.DispatchSimulator;
using FacilityHub.Testing;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;

namespace FacilityHub.Simulators.Tests;

/// <summary>The modes a test or demo picks for the simulated dispatch system: accept at once or late, reject, be down,
/// answer slowly, walk an accepted order through its visit; and the hub's cancel and update calls.</summary>
public sealed class DispatchSimulatorModeTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(20);
    private const string Key = "rs-b1-pump-1/pressure_collapse/1";

    private static async Task<(FakeHub Hub, DispatchSimulatorServer Server, DispatchTestClient Client)> StartAsync(Func<DispatchSimulatorOptions, DispatchSimulatorOptions> configure)
    {
        var hub = await FakeHub.StartAsync(failFirst: 0);
        var options = configure(new DispatchSimulatorOptions
        {
            Port = 0,
            Output = TextWriter.Null,
            HubUrl = hub.Url,
            ProgressRetryBaseDelay = TimeSpan.FromMilliseconds(20),
            ProgressRetryMaxDelay = TimeSpan.FromMilliseconds(100),
        });
        var server = await DispatchSimulatorServer.StartAsync(options, CancellationToken.None);
        return (hub, server, new DispatchTestClient(server.Url));
    }

    private static async Task StopAsync((FakeHub Hub, DispatchSimulatorServer Server, DispatchTestClient Client) sim)
    {
        sim.Client.Dispose();
        await sim.Server.DisposeAsync();
        await sim.Hub.DisposeAsync();
    }

    [Fact]
    public async Task Walks_an_accepted_order_through_en_route_on_site_and_resolved_on_its_timetable_with_each_step_s_details()
    {
        var sim = await StartAsync(o => o with
        {
            Walk = [new(ProgressKind.TeamAssigned, TimeSpan.Zero), new(ProgressKind.EnRoute, TimeSpan.FromMilliseconds(100)),
                    new(ProgressKind.OnSite, TimeSpan.FromMilliseconds(300)), new(ProgressKind.Resolved, TimeSpan.FromMilliseconds(500))],
        });
        try
        {
            await sim.Client.CreateAsync(Key);
            await Eventually.UntilAsync(() => Task.FromResult(sim.Server.ProgressReportsDelivered == 5), Deadline, "five reports reached the hub");

            var reports = sim.Hub.Reports.ToList();
            Assert.Equal([ProgressKind.Accepted, ProgressKind.TeamAssigned, ProgressKind.EnRoute, ProgressKind.OnSite, ProgressKind.Resolved], reports.Select(r => r.Kind));
            Assert.Equal("sim-team-1", reports[1].Team);
            Assert.NotEmpty(reports[4].WorkDone);
            Assert.Equal(5, reports.Select(r => r.ReportId).Distinct().Count());
            var accepted = reports[0].OccurredAt.ToDateTimeOffset();
            Assert.True(reports[3].OccurredAt.ToDateTimeOffset() - accepted >= TimeSpan.FromMilliseconds(300), "on site at its time after the acceptance");
            Assert.True(reports[4].OccurredAt.ToDateTimeOffset() - accepted >= TimeSpan.FromMilliseconds(500), "resolved at its time after the acceptance");
        }
        finally
        {
            await StopAsync(sim);
        }
    }

    [Fact]
    public async Task Nobody_home_and_rescheduled_book_a_new_visit()
    {
        var sim = await StartAsync(o => o with
        {
            RescheduleBy = TimeSpan.FromHours(3),
            Walk = [new(ProgressKind.OnSite, TimeSpan.Zero), new(ProgressKind.NobodyHome, TimeSpan.Zero), new(ProgressKind.Rescheduled, TimeSpan.Zero)],
        });
        try
        {
            await sim.Client.CreateAsync(Key);
            await Eventually.UntilAsync(() => Task.FromResult(sim.Server.ProgressReportsDelivered == 4), Deadline, "four reports reached the hub");

            var reports = sim.Hub.Reports.ToList();
            var nobodyHome = reports.Single(r => r.Kind == ProgressKind.NobodyHome);
            var rescheduled = reports.Single(r => r.Kind == ProgressKind.Rescheduled);
            Assert.NotEmpty(nobodyHome.Note);
            Assert.NotEmpty(rescheduled.Reason);
            Assert.Equal(TimeSpan.FromHours(3), rescheduled.Appointment.ToDateTimeOffset() - rescheduled.OccurredAt.ToDateTimeOffset());
            Assert.Equal(TimeSpan.FromHours(3), nobodyHome.Appointment.ToDateTimeOffset() - nobodyHome.OccurredAt.ToDateTimeOffset());
        }
        finally
        {
            await StopAsync(sim);
        }
    }

    [Fact]
    public async Task Accepts_only_after_the_configured_delay()
    {
        var sim = await StartAsync(o => o with { AcceptDelay = TimeSpan.FromMilliseconds(400) });
        try
        {
            await sim.Client.CreateAsync(Key);
            await Eventually.UntilAsync(() => Task.FromResult(sim.Server.ProgressReportsDelivered == 1), Deadline, "ACCEPTED reached the hub");

            var received = sim.Server.Orders.Single().ReceivedAt.ToDateTimeOffset();
            var accepted = Assert.Single(sim.Hub.Reports);
            Assert.Equal(ProgressKind.Accepted, accepted.Kind);
            Assert.True(accepted.OccurredAt.ToDateTimeOffset() - received >= TimeSpan.FromMilliseconds(400));
        }
        finally
        {
            await StopAsync(sim);
        }
    }

    [Fact]
    public async Task In_reject_mode_every_new_order_is_rejected_with_the_reason_and_goes_no_further()
    {
        var sim = await StartAsync(o => o with { RejectReason = "no crew for this estate", Walk = [new(ProgressKind.EnRoute, TimeSpan.Zero)] });
        try
        {
            await sim.Client.CreateAsync(Key);
            await Eventually.UntilAsync(() => Task.FromResult(sim.Server.ProgressReportsDelivered == 1), Deadline, "REJECTED reached the hub");
            await Task.Delay(200);

            var report = Assert.Single(sim.Hub.Reports);
            Assert.Equal((ProgressKind.Rejected, "no crew for this estate"), (report.Kind, report.Reason));
        }
        finally
        {
            await StopAsync(sim);
        }
    }

    [Fact]
    public async Task While_down_every_call_is_unavailable_and_nothing_is_taken_then_it_serves_again()
    {
        await using var server = await DispatchSimulatorServer.StartAsync(
            new DispatchSimulatorOptions { Port = 0, Output = TextWriter.Null, DownFor = TimeSpan.FromMilliseconds(500) }, CancellationToken.None);
        using var client = new DispatchTestClient(server.Url);

        var down = await Assert.ThrowsAsync<RpcException>(() => client.CreateAsync(Key));
        Assert.Equal(StatusCode.Unavailable, down.StatusCode);
        Assert.Empty(server.Orders);

        await Eventually.UntilAsync(() => Task.FromResult(!server.IsDown), Deadline, "the outage is over");
        Assert.True((await client.CreateAsync(Key)).Created);

        server.GoDown(TimeSpan.FromMinutes(1));
        Assert.Equal(StatusCode.Unavailable, (await Assert.ThrowsAsync<RpcException>(() => client.CreateAsync(Key))).StatusCode);
        server.GoDown(TimeSpan.Zero);
        Assert.False((await client.CreateAsync(Key)).Created);
        Assert.Single(server.Orders);
    }

    [Fact]
    public async Task A_slow_answer_the_caller_gave_up_on_still_created_the_order_once()
    {
        await using var server = await DispatchSimulatorServer.StartAsync(
            new DispatchSimulatorOptions { Port = 0, Output = TextWriter.Null, AnswerDelay = TimeSpan.FromSeconds(2) }, CancellationToken.None);
        using var client = new DispatchTestClient(server.Url);

        // The caller gives up once the simulator has the order but before it answers (no race on a short deadline).
        using var giveUp = new CancellationTokenSource();
        var call = client.Client.CreateWorkOrderAsync(new CreateWorkOrderRequest { Order = DispatchTestClient.Order(Key) }, cancellationToken: giveUp.Token).ResponseAsync;
        await Eventually.UntilAsync(() => Task.FromResult(server.Orders.Count == 1), Deadline, "the simulator has the order");
        await giveUp.CancelAsync();
        var gaveUp = await Assert.ThrowsAsync<RpcException>(() => call);
        var retried = await client.CreateAsync(Key);

        Assert.Equal(StatusCode.Cancelled, gaveUp.StatusCode);
        Assert.False(retried.Created);
        Assert.Equal(2, Assert.Single(server.Orders).CreateCalls);
    }

    [Fact]
    public async Task Cancel_stops_the_walk_and_repeats_of_cancel_or_update_change_nothing()
    {
        var sim = await StartAsync(o => o with { Walk = [new(ProgressKind.EnRoute, TimeSpan.FromMilliseconds(700))] });
        try
        {
            await sim.Client.CreateAsync(Key);
            await Eventually.UntilAsync(() => Task.FromResult(sim.Server.ProgressReportsDelivered == 1), Deadline, "ACCEPTED reached the hub");
            var update = new UpdateWorkOrderRequest { UpdateId = "u-1", IdempotencyKey = Key, Kind = UpdateKind.FaultCleared, OccurredAt = Timestamp.FromDateTime(DateTime.UtcNow), Note = "pressure back to 4.5 bar" };
            var cancel = new CancelWorkOrderRequest { IdempotencyKey = Key, Reason = "duplicate of a resident's call", CancelledBy = "olga" };

            Assert.True((await sim.Client.Client.UpdateWorkOrderAsync(update)).Applied);
            Assert.False((await sim.Client.Client.UpdateWorkOrderAsync(update)).Applied);
            Assert.True((await sim.Client.Client.CancelWorkOrderAsync(cancel)).Cancelled);
            Assert.False((await sim.Client.Client.CancelWorkOrderAsync(cancel)).Cancelled);

            var order = Assert.Single(sim.Server.Orders);
            Assert.Equal("u-1", Assert.Single(order.Updates).UpdateId);
            Assert.Equal("olga", order.Cancellation.CancelledBy);
            await Task.Delay(1000); // past the step's time: a cancelled order's walk is over
            Assert.Equal(1, sim.Server.ProgressReportsDelivered);
        }
        finally
        {
            await StopAsync(sim);
        }
    }

    [Fact]
    public async Task Cancel_or_update_of_an_unknown_order_is_not_found_and_a_bad_update_is_invalid()
    {
        await using var server = await DispatchSimulatorServer.StartAsync(new DispatchSimulatorOptions { Port = 0, Output = TextWriter.Null }, CancellationToken.None);
        using var client = new DispatchTestClient(server.Url);

        var cancel = await Assert.ThrowsAsync<RpcException>(() => client.Client.CancelWorkOrderAsync(new CancelWorkOrderRequest { IdempotencyKey = "nope" }).ResponseAsync);
        var update = await Assert.ThrowsAsync<RpcException>(() => client.Client.UpdateWorkOrderAsync(new UpdateWorkOrderRequest { UpdateId = "u", IdempotencyKey = "nope", Kind = UpdateKind.Escalated }).ResponseAsync);
        var noKind = await Assert.ThrowsAsync<RpcException>(() => client.Client.UpdateWorkOrderAsync(new UpdateWorkOrderRequest { UpdateId = "u", IdempotencyKey = "nope" }).ResponseAsync);

        Assert.Equal(StatusCode.NotFound, cancel.StatusCode);
        Assert.Equal(StatusCode.NotFound, update.StatusCode);
        Assert.Equal(StatusCode.InvalidArgument, noKind.StatusCode);
    }

    [Theory]
    [InlineData("en_route+5", ProgressKind.EnRoute, 5.0)]
    [InlineData("resolved+0.5", ProgressKind.Resolved, 0.5)]
    [InlineData("nobody_home", ProgressKind.NobodyHome, 0.0)]
    public void A_walk_step_reads_as_kind_plus_seconds(string text, ProgressKind kind, double seconds) =>
        Assert.Equal(new WalkStep(kind, TimeSpan.FromSeconds(seconds)), WalkStep.Parse(text));

    [Theory]
    [InlineData("flying+5", "'flying' is not a step")]
    [InlineData("en_route+soon", "must be seconds")]
    [InlineData("accepted+1", "'accepted' is not a step")]
    public void A_bad_walk_step_is_refused_saying_why(string text, string problem) =>
        Assert.Contains(problem, Assert.Throws<FormatException>(() => WalkStep.Parse(text)).Message, StringComparison.Ordinal);
}
