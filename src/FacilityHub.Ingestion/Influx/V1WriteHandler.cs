using System.Web;

namespace FacilityHub.Ingestion.Influx;

/// <summary>Maps InfluxDB.Client's <c>/api/v2/write?bucket=B&amp;precision=ns</c> onto InfluxDB 1.x's
/// <c>/write?db=B&amp;precision=n</c>, as InfluxDB 1.8+ does itself.</summary>
public sealed class V1WriteHandler(HttpMessageHandler inner) : DelegatingHandler(inner)
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (request.RequestUri is { AbsolutePath: "/api/v2/write" } uri)
        {
            var query = HttpUtility.ParseQueryString(uri.Query);
            string precision = query["precision"] switch { "ns" => "n", "us" => "u", "ms" => "ms", "s" => "s", _ => "n" };
            var builder = new UriBuilder(uri)
            {
                Path = "/write",
                Query = $"db={Uri.EscapeDataString(query["bucket"] ?? "")}&precision={precision}",
            };
            request.RequestUri = builder.Uri;
        }
        return base.SendAsync(request, cancellationToken);
    }
}
