namespace FacilityHub.Cli.Hub;

/// <summary>Follows next_page_token until the limit is reached or the hub has no more.</summary>
public static class Paging
{
    /// <param name="limit">At most this many items in all.</param>
    /// <param name="maxPageSize">The most the hub serves in one page.</param>
    /// <param name="fetch">Gets one page: (page size, page token) → page.</param>
    public static async Task<Collected<T>> CollectAsync<T>(
        int limit, int maxPageSize, Func<int, string, CancellationToken, Task<Page<T>>> fetch, CancellationToken ct)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxPageSize, 1);

        var items = new List<T>();
        var token = "";
        var seen = new HashSet<string>();
        while (true)
        {
            var room = limit - items.Count;
            var page = await fetch(Math.Min(room, maxPageSize), token, ct);
            items.AddRange(page.Items.Take(room));
            token = page.NextPageToken;
            if (token.Length == 0)
            {
                // A hub that ignores page_size may send more than asked for.
                return new Collected<T>(items, More: page.Items.Count > room);
            }

            // A hub that repeats a token would otherwise keep the CLI paging forever.
            if (items.Count >= limit || !seen.Add(token))
            {
                return new Collected<T>(items, More: true);
            }
        }
    }
}
