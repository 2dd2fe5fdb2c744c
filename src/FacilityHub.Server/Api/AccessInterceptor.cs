using FacilityHub.Auth;
using Grpc.Core;
using Grpc.Core.Interceptors;
using Microsoft.IdentityModel.Tokens;

namespace FacilityHub.Server.Api;

/// <summary>
/// Every call is checked against <see cref="ApiAccess"/> before its handler runs: no valid token is
/// UNAUTHENTICATED, a role the table does not list for the method is PERMISSION_DENIED. Both are decided
/// from the method alone, never from the request, so a refused caller learns nothing about what exists.
/// </summary>
public sealed partial class AccessInterceptor(ILogger<AccessInterceptor> logger) : Interceptor
{
    public override Task<TResponse> UnaryServerHandler<TRequest, TResponse>(TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
    {
        Admit(context);
        return continuation(request, context);
    }

    public override Task ServerStreamingServerHandler<TRequest, TResponse>(TRequest request, IServerStreamWriter<TResponse> responseStream, ServerCallContext context, ServerStreamingServerMethod<TRequest, TResponse> continuation)
    {
        Admit(context);
        return continuation(request, responseStream, context);
    }

    public override Task<TResponse> ClientStreamingServerHandler<TRequest, TResponse>(IAsyncStreamReader<TRequest> requestStream, ServerCallContext context, ClientStreamingServerMethod<TRequest, TResponse> continuation)
    {
        Admit(context);
        return continuation(requestStream, context);
    }

    public override Task DuplexStreamingServerHandler<TRequest, TResponse>(IAsyncStreamReader<TRequest> requestStream, IServerStreamWriter<TResponse> responseStream, ServerCallContext context, DuplexStreamingServerMethod<TRequest, TResponse> continuation)
    {
        Admit(context);
        return continuation(requestStream, responseStream, context);
    }

    private void Admit(ServerCallContext context)
    {
        if (ApiAccess.IsOpen(context.Method)) return;
        var http = context.GetHttpContext();
        if (http.User.Identity is not { IsAuthenticated: true })
        {
            throw new RpcException(new Status(StatusCode.Unauthenticated, WhyUnauthenticated(http)));
        }
        var caller = Caller.From(http.User)
            ?? throw new RpcException(new Status(StatusCode.Unauthenticated, $"the bearer token's name claim must be 1 to {HubTokens.MaxNameLength} printable characters"));
        if (!ApiAccess.Allows(context.Method, caller.Roles))
        {
            LogDenied(context.Method, string.Join(",", caller.Roles));
            string roles = caller.Roles.Count == 0 ? "no known role" : $"role {string.Join(", ", caller.Roles)}";
            throw new RpcException(new Status(StatusCode.PermissionDenied, $"{roles} may not call {context.Method.TrimStart('/')}"));
        }
        caller.AttachTo(context);
    }

    private const string FailureItem = "facilityhub.authentication-failure";

    /// <summary>Keeps why the bearer token was refused (the authentication middleware does not).</summary>
    public static Task NoteFailure(HttpContext http, Exception failure)
    {
        http.Items[FailureItem] = failure;
        return Task.CompletedTask;
    }

    /// <summary>Enough for a user to fix their token, nothing about why the signature failed.</summary>
    private static string WhyUnauthenticated(HttpContext http)
    {
        var failure = http.Items.TryGetValue(FailureItem, out var noted) ? noted : null;
        return failure switch
        {
            null => "a bearer token is required (metadata 'authorization: Bearer <token>')",
            SecurityTokenExpiredException => "the bearer token has expired",
            _ => "the bearer token is not valid here (signature, issuer, audience or format)",
        };
    }

    // The role only: staff names are not residents' data, but a denial log needs no one's name.
    [LoggerMessage(Level = LogLevel.Warning, Message = "Refused {Method} to a caller with roles [{Roles}]")]
    private partial void LogDenied(string method, string roles);
}
