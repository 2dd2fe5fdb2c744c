using System.Globalization;
using Grpc.Core;

namespace FacilityHub.Server.Api;

/// <summary>Request checks shared by the API services: each failure is INVALID_ARGUMENT naming the field.</summary>
public static class Requests
{
    public static RpcException Invalid(string field, string problem) => new(new Status(StatusCode.InvalidArgument, $"{field}: {problem}"));

    public static RpcException NotFound(string what) => new(new Status(StatusCode.NotFound, what));

    public static string Required(string value, string field) =>
        string.IsNullOrWhiteSpace(value) ? throw Invalid(field, "is required") : value;

    public static int PageSize(int requested, int defaultSize, int max, string field = "page_size") => requested switch
    {
        0 => defaultSize,
        < 0 => throw Invalid(field, "must not be negative"),
        _ when requested > max => throw Invalid(field, $"must be at most {max}"),
        _ => requested,
    };

    /// <summary>Page tokens are offsets into the (stable, ordered) list.</summary>
    public static int Offset(string token, string field = "page_token") =>
        token.Length == 0 ? 0
        : int.TryParse(token, NumberStyles.None, CultureInfo.InvariantCulture, out int offset) ? offset
        : throw Invalid(field, "is not a token from a previous page");

    public static string NextToken(int offset, int count, int total) =>
        offset + count < total ? (offset + count).ToString(CultureInfo.InvariantCulture) : "";
}
