using System.Security.Claims;
using System.Text;
using FacilityHub.Api.V1;
using FacilityHub.Auth;
using Grpc.Core;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace FacilityHub.EndToEnd.Tests;

/// <summary>Every role against every gRPC method of the real hub, as <see cref="ApiAccess"/> says; and every kind
/// of bad token against every method. Requests are empty: an allowed call may still fail on its arguments
/// (INVALID_ARGUMENT, NOT_FOUND), which shows it got past the access check.</summary>
[Collection(HubCollection.Name)]
public sealed class AccessMatrixTests(HubFixture hub)
{
    private static readonly StatusCode[] PastTheCheck = [StatusCode.OK, StatusCode.InvalidArgument, StatusCode.NotFound, StatusCode.FailedPrecondition];

    public static TheoryData<string, string> RolesAndMethods()
    {
        var data = new TheoryData<string, string>();
        foreach (var role in HubRoles.All)
        {
            foreach (var method in HubMethods.Served) data.Add(role, method);
        }
        return data;
    }

    public static TheoryData<string, string> BadTokensAndMethods()
    {
        var data = new TheoryData<string, string>();
        foreach (var kind in new[] { "none", "expired", "wrong key", "wrong issuer", "wrong audience", "unsigned", "garbage" })
        {
            foreach (var method in HubMethods.Served) data.Add(kind, method);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(RolesAndMethods))]
    public async Task Each_role_may_call_what_the_table_allows_and_is_denied_the_rest(string role, string method)
    {
        var status = await HubMethods.CallWithEmptyRequestAsync(hub.As(role, $"matrix-{role}"), method);

        if (ApiAccess.Allows(method, [role]))
        {
            Assert.Contains(status, PastTheCheck);
        }
        else
        {
            Assert.Equal(StatusCode.PermissionDenied, status);
        }
    }

    [Theory]
    [MemberData(nameof(BadTokensAndMethods))]
    public async Task Without_a_valid_token_every_method_is_unauthenticated(string token, string method)
    {
        var invoker = token == "none" ? hub.Channel.CreateCallInvoker() : hub.WithToken(BadToken(token));

        Assert.Equal(StatusCode.Unauthenticated, await HubMethods.CallWithEmptyRequestAsync(invoker, method));
    }

    [Fact]
    public async Task A_valid_token_without_a_known_role_is_denied_everything()
    {
        var invoker = hub.WithToken(Sign(HubKey, HubTokens.DefaultIssuer, HubTokens.DefaultAudience, ("name", "intruder"), ("role", "janitor")));

        foreach (var method in HubMethods.Served)
        {
            Assert.Equal(StatusCode.PermissionDenied, await HubMethods.CallWithEmptyRequestAsync(invoker, method));
        }
    }

    [Fact]
    public async Task A_refusal_is_the_same_whether_or_not_the_thing_asked_for_exists()
    {
        const string Existing = "rs-b1-pump-1", Missing = "rs-b9-pump-9";
        var quality = new AlarmService.AlarmServiceClient(hub.As(HubRoles.Quality, "quinn"));
        var anonymous = new AssetService.AssetServiceClient(hub.Channel);

        var denied = await Task.WhenAll(new[] { $"{Existing}/pressure_collapse/1", $"{Missing}/pressure_collapse/1" }.Select(id =>
            Assert.ThrowsAsync<RpcException>(() => quality.AcknowledgeAlarmsAsync(new AcknowledgeAlarmsRequest { AlarmIds = { id } }).ResponseAsync)));
        var unauthenticated = await Task.WhenAll(new[] { Existing, Missing }.Select(id =>
            Assert.ThrowsAsync<RpcException>(() => anonymous.GetEquipmentAsync(new GetEquipmentRequest { EquipmentId = id }).ResponseAsync)));

        Assert.All(denied, e => Assert.Equal((StatusCode.PermissionDenied, "role quality may not call facilityhub.v1.AlarmService/AcknowledgeAlarms"), (e.StatusCode, e.Status.Detail)));
        Assert.Equal(denied[0].Status.Detail, denied[1].Status.Detail);
        Assert.All(unauthenticated, e => Assert.Equal(StatusCode.Unauthenticated, e.StatusCode));
        Assert.Equal(unauthenticated[0].Status.Detail, unauthenticated[1].Status.Detail);
    }

    [Fact]
    public async Task An_expired_token_is_told_apart_from_a_missing_or_forged_one()
    {
        var assets = (string? token) => new AssetService.AssetServiceClient(token is null ? hub.Channel.CreateCallInvoker() : hub.WithToken(token));

        var expired = await Assert.ThrowsAsync<RpcException>(() => assets(BadToken("expired")).GetAssetTreeAsync(new GetAssetTreeRequest()).ResponseAsync);
        var forged = await Assert.ThrowsAsync<RpcException>(() => assets(BadToken("wrong key")).GetAssetTreeAsync(new GetAssetTreeRequest()).ResponseAsync);
        var none = await Assert.ThrowsAsync<RpcException>(() => assets(null).GetAssetTreeAsync(new GetAssetTreeRequest()).ResponseAsync);

        Assert.Equal("the bearer token has expired", expired.Status.Detail);
        Assert.StartsWith("the bearer token is not valid here", forged.Status.Detail);
        Assert.StartsWith("a bearer token is required", none.Status.Detail);
    }

    [Fact]
    public async Task Health_checks_and_reflection_need_no_token()
    {
        var health = await new Grpc.Health.V1.Health.HealthClient(hub.Channel).CheckAsync(new Grpc.Health.V1.HealthCheckRequest());
        Assert.Equal(Grpc.Health.V1.HealthCheckResponse.Types.ServingStatus.Serving, health.Status);

        // grpc.reflection.v1alpha ServerReflectionRequest { list_services = "" }: field 7, length 0.
        var reflection = new Method<byte[], byte[]>(MethodType.DuplexStreaming, "grpc.reflection.v1alpha.ServerReflection", "ServerReflectionInfo",
            Marshallers.Create<byte[]>(b => b, b => b), Marshallers.Create<byte[]>(b => b, b => b));
        using var call = hub.Channel.CreateCallInvoker().AsyncDuplexStreamingCall(reflection, null, new CallOptions(deadline: DateTime.UtcNow.AddSeconds(10)));
        await call.RequestStream.WriteAsync([0x3A, 0x00]);
        await call.RequestStream.CompleteAsync();
        Assert.True(await call.ResponseStream.MoveNext(CancellationToken.None));
        Assert.Contains("facilityhub.v1.AlarmService", Encoding.UTF8.GetString(call.ResponseStream.Current));
    }

    private string BadToken(string kind) => kind switch
    {
        "expired" => hub.MintExpired(HubRoles.Operator, "olga"),
        "wrong key" => HubTokens.Mint(Encoding.UTF8.GetBytes(new string('k', 32)), HubRoles.Admin, "eve", TimeSpan.FromHours(1), TimeProvider.System),
        "wrong issuer" => HubTokens.Mint(HubKey, HubRoles.Admin, "eve", TimeSpan.FromHours(1), TimeProvider.System, issuer: "someone-else"),
        "wrong audience" => HubTokens.Mint(HubKey, HubRoles.Admin, "eve", TimeSpan.FromHours(1), TimeProvider.System, audience: "another-service"),
        // alg "none": the claims of an admin, no signature.
        "unsigned" => new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = HubTokens.DefaultIssuer, Audience = HubTokens.DefaultAudience, Expires = DateTime.UtcNow.AddHours(1),
            Subject = new ClaimsIdentity([new Claim("name", "eve"), new Claim("role", HubRoles.Admin)]),
        }),
        "garbage" => "not-a-jwt",
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    private byte[] HubKey => SigningKey.TryParse(hub.SigningKeyText, out _)!;

    /// <summary>A token signed with the hub's key but with claims <see cref="HubTokens.Mint"/> would refuse to put in.</summary>
    private static string Sign(byte[] key, string issuer, string audience, params (string Type, string Value)[] claims) =>
        new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = issuer, Audience = audience, Expires = DateTime.UtcNow.AddHours(1),
            Subject = new ClaimsIdentity(claims.Select(c => new Claim(c.Type, c.Value))),
            SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(key), SecurityAlgorithms.HmacSha256),
        });
}
