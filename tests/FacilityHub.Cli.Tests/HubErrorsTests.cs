using FacilityHub.Cli.Hub;
using Grpc.Core;

namespace FacilityHub.Cli.Tests;

public sealed class HubErrorsTests
{
    private const string Hub = "http://127.0.0.1:5080";

    [Fact]
    public void A_status_from_the_hub_is_shown_as_its_code_and_detail()
    {
        var error = new RpcException(new Status(StatusCode.NotFound, "equipment 'x' is not in the topology"));

        Assert.Equal("fhub: NOT_FOUND: equipment 'x' is not in the topology", HubErrors.Describe(error, Hub));
    }

    [Fact]
    public void A_multi_line_detail_is_folded_into_one_line()
    {
        var error = new RpcException(new Status(StatusCode.InvalidArgument, "bad metric\n  'flow'\r\n"));

        Assert.Equal("fhub: INVALID_ARGUMENT: bad metric 'flow'", HubErrors.Describe(error, Hub));
    }

    [Fact]
    public void Unavailable_raised_by_the_client_means_the_hub_cannot_be_reached()
    {
        var error = new RpcException(new Status(
            StatusCode.Unavailable, "Error starting gRPC call.", new HttpRequestException("Connection refused")));

        Assert.Equal("fhub: cannot reach the hub at http://127.0.0.1:5080 (set --hub or FHUB_URL)", HubErrors.Describe(error, Hub));
    }

    [Fact]
    public void Unavailable_answered_by_the_hub_is_shown_as_the_hub_said_it()
    {
        var error = new RpcException(new Status(StatusCode.Unavailable, "time-series store is down"));

        Assert.Equal("fhub: UNAVAILABLE: time-series store is down", HubErrors.Describe(error, Hub));
    }

    [Fact]
    public void Unauthenticated_says_how_to_get_a_token()
    {
        var error = new RpcException(new Status(StatusCode.Unauthenticated, "the bearer token has expired"));

        Assert.Equal(
            "fhub: UNAUTHENTICATED: the bearer token has expired (set FHUB_TOKEN or --token; 'fhub token --role ROLE --name NAME' mints one)",
            HubErrors.Describe(error, Hub));
    }

    [Theory]
    [InlineData(StatusCode.OK, "OK")]
    [InlineData(StatusCode.Cancelled, "CANCELLED")]
    [InlineData(StatusCode.DeadlineExceeded, "DEADLINE_EXCEEDED")]
    [InlineData(StatusCode.FailedPrecondition, "FAILED_PRECONDITION")]
    [InlineData(StatusCode.DataLoss, "DATA_LOSS")]
    [InlineData((StatusCode)42, "CODE_42")]
    public void Codes_have_their_canonical_grpc_names(StatusCode code, string name)
    {
        Assert.Equal(name, HubErrors.CodeName(code));
    }
}
