using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.Extensions.Options;

namespace FacilityHub.Ingestion.Influx;

/// <summary>Reads telemetry back with InfluxQL over <c>/query</c>, which InfluxDB 1.x, 2.x (DBRP) and 3.x serve.</summary>
public sealed class TelemetryHistory(IOptions<InfluxOptions> options)
{
    private static readonly HttpClient Http = new(new SocketsHttpHandler { UseProxy = false }) { Timeout = TimeSpan.FromSeconds(30) };

    public sealed record Point(DateTimeOffset Time, double Value);

    /// <summary>Points of <paramref name="metric"/> of one item in [start, end), oldest first, skipping
    /// <paramref name="offset"/>. The ids and metric must already be checked against the topology.</summary>
    public async Task<IReadOnlyList<Point>> ReadAsync(string equipmentId, string metric, DateTimeOffset start, DateTimeOffset end, int limit, int offset, CancellationToken cancellationToken)
    {
        string q = string.Create(CultureInfo.InvariantCulture,
            $"SELECT \"{metric}\" FROM \"telemetry\" WHERE \"equipment\" = '{equipmentId}' AND time >= {ToNs(start)} AND time < {ToNs(end)} ORDER BY time ASC LIMIT {limit} OFFSET {offset}");
        using var json = await QueryAsync(q, cancellationToken);
        var points = new List<Point>();
        foreach (var result in json.RootElement.GetProperty("results").EnumerateArray())
        {
            if (result.TryGetProperty("error", out var error)) throw new InvalidOperationException($"InfluxDB: {error.GetString()}");
            if (!result.TryGetProperty("series", out var series)) continue;
            foreach (var s in series.EnumerateArray())
            {
                foreach (var row in s.GetProperty("values").EnumerateArray())
                {
                    if (row[1].ValueKind != JsonValueKind.Number) continue;
                    points.Add(new Point(DateTimeOffset.FromUnixTimeMilliseconds(row[0].GetInt64()), row[1].GetDouble()));
                }
            }
        }
        return points;
    }

    /// <summary>Runs an InfluxQL statement; the answer is InfluxDB's JSON (times in Unix milliseconds).</summary>
    public async Task<JsonDocument> QueryAsync(string influxQl, CancellationToken cancellationToken)
    {
        var o = options.Value;
        var uri = new Uri($"{o.Url.TrimEnd('/')}/query?db={Uri.EscapeDataString(o.Database)}&epoch=ms&q={Uri.EscapeDataString(influxQl)}");
        using var request = new HttpRequestMessage(HttpMethod.Get, uri);
        if (!string.IsNullOrEmpty(o.Token)) request.Headers.Authorization = new AuthenticationHeaderValue("Token", o.Token);
        using var response = await Http.SendAsync(request, cancellationToken);
        string body = await response.Content.ReadAsStringAsync(cancellationToken);
        if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"InfluxDB query failed ({(int)response.StatusCode}): {body}");
        return JsonDocument.Parse(body);
    }

    private static long ToNs(DateTimeOffset t) => (t.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) * 100;
}
