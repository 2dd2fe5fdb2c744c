using Grpc.Core;
using Grpc.Core.Interceptors;

namespace FacilityHub.Server.Api;

/// <summary>Maps what the services throw onto gRPC status codes in one place; anything unexpected becomes
/// INTERNAL with a generic message (the details go to the log, not to the caller).</summary>
public sealed partial class ErrorInterceptor(ILogger<ErrorInterceptor> logger) : Interceptor
{
    public override async Task<TResponse> UnaryServerHandler<TRequest, TResponse>(TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
    {
        try
        {
            return await continuation(request, context);
        }
        catch (RpcException)
        {
            throw;
        }
        catch (KeyNotFoundException e)
        {
            throw new RpcException(new Status(StatusCode.NotFound, e.Message));
        }
        catch (OperationCanceledException) when (context.CancellationToken.IsCancellationRequested)
        {
            throw new RpcException(new Status(StatusCode.Cancelled, "cancelled by the caller"));
        }
        catch (Exception e)
        {
            LogFailed(context.Method, e);
            throw new RpcException(new Status(StatusCode.Internal, "the hub could not complete the call; see its log"));
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "{Method} failed")]
    private partial void LogFailed(string method, Exception exception);
}
