using FacilityHub.Dispatch.V1;
using FacilityHub.DispatchSimulator;
using Grpc.Core;

namespace FacilityHub.Simulators.Tests;

public sealed class DispatchSimulatorTests : IAsyncLifetime
{
    private readonly StringWriter _output = new();
    private DispatchSimulatorServer _server = null!;
    private DispatchTestClient _client = null!;

    public async Task InitializeAsync()
    {
        _server = await DispatchSimulatorServer.StartAsync(new DispatchSimulatorOptions { Port = 0, Output = _output }, CancellationToken.None);
        _client = new DispatchTestClient(_server.Url);
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _server.DisposeAsync();
    }

    [Fact]
    public void Binds_a_free_loopback_port_when_asked_for_port_0()
    {
        Assert.NotEqual(0, _server.Port);
        Assert.Equal("127.0.0.1", _server.Url.Host);
    }

    [Fact]
    public async Task Same_key_twice_makes_one_order_with_two_create_calls()
    {
        var first = await _client.CreateAsync("rs-b1-pump-1/pressure_collapse/1");
        var second = await _client.CreateAsync("rs-b1-pump-1/pressure_collapse/1");

        Assert.True(first.Created);
        Assert.Equal("D-000001", first.DispatchOrderId);
        Assert.False(second.Created);
        Assert.Equal(first.DispatchOrderId, second.DispatchOrderId);

        var order = Assert.Single(_server.Orders);
        Assert.Equal(2, order.CreateCalls);
        Assert.Equal(2, _server.CreateCalls);
        var listed = Assert.Single((await _client.Client.ListWorkOrdersAsync(new ListWorkOrdersRequest())).Orders);
        Assert.Equal(2, listed.CreateCalls);
        Assert.Equal("D-000001", listed.DispatchOrderId);
        Assert.Equal("Room 301 of Mrs Example", listed.Order.Location);
    }

    [Fact]
    public async Task Concurrent_creates_with_one_key_make_one_order()
    {
        var answers = await Task.WhenAll(Enumerable.Range(0, 32).Select(_ => _client.CreateAsync("same-key")));

        Assert.Single(answers, a => a.Created);
        Assert.Single(answers.Select(a => a.DispatchOrderId).Distinct());
        Assert.Equal(32, Assert.Single(_server.Orders).CreateCalls);
    }

    [Fact]
    public async Task Distinct_keys_get_sequential_dispatch_ids()
    {
        var a = await _client.CreateAsync("k1");
        var b = await _client.CreateAsync("k2");

        Assert.Equal("D-000001", a.DispatchOrderId);
        Assert.Equal("D-000002", b.DispatchOrderId);
    }

    [Fact]
    public async Task Missing_idempotency_key_is_invalid_argument_naming_the_field()
    {
        var ex = await Assert.ThrowsAsync<RpcException>(() => _client.CreateAsync(""));

        Assert.Equal(StatusCode.InvalidArgument, ex.StatusCode);
        Assert.Contains("idempotency_key", ex.Status.Detail, StringComparison.Ordinal);
        Assert.Empty(_server.Orders);
        Assert.Equal(0, _server.CreateCalls);
    }

    [Fact]
    public async Task Missing_order_is_invalid_argument_naming_the_field()
    {
        var ex = await Assert.ThrowsAsync<RpcException>(async () => await _client.Client.CreateWorkOrderAsync(new CreateWorkOrderRequest()));

        Assert.Equal(StatusCode.InvalidArgument, ex.StatusCode);
        Assert.Contains("order", ex.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Pages_through_orders_oldest_first()
    {
        for (var i = 1; i <= 5; i++)
        {
            await _client.CreateAsync($"key-{i}");
        }

        var seen = new List<string>();
        var token = "";
        var pages = 0;
        do
        {
            var page = await _client.Client.ListWorkOrdersAsync(new ListWorkOrdersRequest { PageSize = 2, PageToken = token });
            Assert.InRange(page.Orders.Count, 1, 2);
            seen.AddRange(page.Orders.Select(o => o.Order.IdempotencyKey));
            token = page.NextPageToken;
            pages++;
        }
        while (token.Length > 0);

        Assert.Equal(3, pages);
        Assert.Equal(["key-1", "key-2", "key-3", "key-4", "key-5"], seen);

        var all = await _client.Client.ListWorkOrdersAsync(new ListWorkOrdersRequest());
        Assert.Equal(5, all.Orders.Count);
        Assert.Empty(all.NextPageToken);
    }

    [Fact]
    public async Task Page_size_is_capped_at_1000()
    {
        await Task.WhenAll(Enumerable.Range(0, 1001).Select(i => _client.CreateAsync($"bulk-{i}")));

        var first = await _client.Client.ListWorkOrdersAsync(new ListWorkOrdersRequest { PageSize = 5000 });
        Assert.Equal(1000, first.Orders.Count);
        Assert.NotEmpty(first.NextPageToken);

        var rest = await _client.Client.ListWorkOrdersAsync(new ListWorkOrdersRequest { PageSize = 5000, PageToken = first.NextPageToken });
        Assert.Single(rest.Orders);
        Assert.Empty(rest.NextPageToken);
    }

    [Theory]
    [InlineData("not-a-number")]
    [InlineData("-1")]
    [InlineData("99")]
    public async Task Invalid_page_token_is_invalid_argument(string token)
    {
        await _client.CreateAsync("one");

        var ex = await Assert.ThrowsAsync<RpcException>(async () =>
            await _client.Client.ListWorkOrdersAsync(new ListWorkOrdersRequest { PageToken = token }));

        Assert.Equal(StatusCode.InvalidArgument, ex.StatusCode);
        Assert.Contains("page_token", ex.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Negative_page_size_is_invalid_argument()
    {
        var ex = await Assert.ThrowsAsync<RpcException>(async () =>
            await _client.Client.ListWorkOrdersAsync(new ListWorkOrdersRequest { PageSize = -1 }));

        Assert.Equal(StatusCode.InvalidArgument, ex.StatusCode);
    }

    [Fact]
    public async Task Prints_one_line_per_new_order_and_per_duplicate_without_location()
    {
        await _client.CreateAsync("rs-b1-pump-1/pressure_collapse/1");
        await _client.CreateAsync("rs-b1-pump-1/pressure_collapse/1");

        var lines = _output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Equal(
            [
                "[dispatch] RECEIVED D-000001 emergency burst_pipe at riverside/rs-b1/rs-b1-pump-1 key=rs-b1-pump-1/pressure_collapse/1",
                "[dispatch] duplicate create for key=rs-b1-pump-1/pressure_collapse/1 (2 calls) -> D-000001",
            ],
            lines);
        Assert.DoesNotContain("Room 301", _output.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("Mrs Example", _output.ToString(), StringComparison.Ordinal);
    }
}
