using FacilityHub.Cli.Hub;

namespace FacilityHub.Cli.Tests;

public sealed class PagingTests
{
    /// <summary>A hub holding items 1..count, serving at most pageCap per page, token = next index.</summary>
    private sealed class PagedHub(int count, int pageCap)
    {
        public List<(int PageSize, string Token)> Requests { get; } = [];

        public Task<Page<int>> FetchAsync(int pageSize, string token, CancellationToken ct)
        {
            Requests.Add((pageSize, token));
            var from = token.Length == 0 ? 1 : int.Parse(token);
            var take = Math.Min(Math.Min(pageSize, pageCap), count - from + 1);
            var items = Enumerable.Range(from, Math.Max(take, 0)).ToArray();
            var next = from + take <= count ? (from + take).ToString() : "";
            return Task.FromResult(new Page<int>(items, next));
        }
    }

    [Fact]
    public async Task Pages_are_followed_until_the_limit()
    {
        var hub = new PagedHub(count: 25, pageCap: 10);

        var collected = await Paging.CollectAsync<int>(22, 1000, hub.FetchAsync, CancellationToken.None);

        Assert.Equal(Enumerable.Range(1, 22), collected.Items);
        Assert.True(collected.More);
        Assert.Equal([(22, ""), (12, "11"), (2, "21")], hub.Requests);
    }

    [Fact]
    public async Task Pages_are_followed_until_the_hub_has_no_more()
    {
        var hub = new PagedHub(count: 25, pageCap: 10);

        var collected = await Paging.CollectAsync<int>(500, 1000, hub.FetchAsync, CancellationToken.None);

        Assert.Equal(Enumerable.Range(1, 25), collected.Items);
        Assert.False(collected.More);
        Assert.Equal(3, hub.Requests.Count);
    }

    [Fact]
    public async Task The_page_size_asked_for_is_at_most_the_hubs_maximum()
    {
        var hub = new PagedHub(count: 30_000, pageCap: 10_000);

        var collected = await Paging.CollectAsync<int>(25_000, 10_000, hub.FetchAsync, CancellationToken.None);

        Assert.Equal(25_000, collected.Items.Count);
        Assert.Equal([10_000, 10_000, 5_000], hub.Requests.Select(r => r.PageSize));
    }

    [Fact]
    public async Task A_limit_exactly_at_the_end_reports_nothing_more()
    {
        var hub = new PagedHub(count: 10, pageCap: 10);

        var collected = await Paging.CollectAsync<int>(10, 1000, hub.FetchAsync, CancellationToken.None);

        Assert.Equal(10, collected.Items.Count);
        Assert.False(collected.More);
    }

    [Fact]
    public async Task A_hub_repeating_its_token_does_not_keep_the_client_paging()
    {
        var calls = 0;

        var collected = await Paging.CollectAsync<int>(100, 1000, (_, _, _) =>
        {
            calls++;
            return Task.FromResult(new Page<int>([calls], "same"));
        }, CancellationToken.None);

        Assert.Equal([1, 2], collected.Items);
        Assert.Equal(2, calls);
    }
}
