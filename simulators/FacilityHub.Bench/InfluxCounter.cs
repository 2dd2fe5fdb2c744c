using System.Globalization;
using System.Text.Json;

namespace FacilityHub.Bench;

/// <summary>Counts stored points with InfluxQL over HTTP: per kind the first metric (every telemetry message carries all of
/// its kind's metrics), plus events.</summary>
internal sealed class InfluxCounter(HttpClient http, string url, IReadOnlyList<string> countedFields)
{
    public async Task<long> CountAsync(string database, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        var window = string.Create(CultureInfo.InvariantCulture, $"time >= {from.ToUnixTimeMilliseconds()}ms AND time <= {to.ToUnixTimeMilliseconds()}ms");
        var selects = string.Join(", ", countedFields.Select(f => $"count(\"{f}\")"));
        var total = await QueryAsync(database, $"SELECT {selects} FROM telemetry WHERE {window}", cancellationToken);
        return total + await QueryAsync(database, $"SELECT count(\"count\") FROM events WHERE {window}", cancellationToken);
    }

    public async Task CreateDatabaseAsync(string database, CancellationToken cancellationToken)
    {
        using var response = await http.PostAsync($"{url}/query", new FormUrlEncodedContent([new("q", $"CREATE DATABASE \"{database}\"")]), cancellationToken);
        response.EnsureSuccessStatusCode();
    }

    private async Task<long> QueryAsync(string database, string query, CancellationToken cancellationToken)
    {
        var uri = $"{url}/query?db={Uri.EscapeDataString(database)}&epoch=ms&q={Uri.EscapeDataString(query)}";
        using var document = JsonDocument.Parse(await http.GetStringAsync(uri, cancellationToken));
        var result = document.RootElement.GetProperty("results")[0];
        if (result.TryGetProperty("error", out var error)) throw new InvalidOperationException($"InfluxDB: {error.GetString()}");
        if (!result.TryGetProperty("series", out var series)) return 0;
        long sum = 0;
        var row = series[0].GetProperty("values")[0];
        for (var i = 1; i < row.GetArrayLength(); i++)
        {
            if (row[i].ValueKind == JsonValueKind.Number) sum += row[i].GetInt64();
        }

        return sum;
    }
}
