using FacilityHub.Domain.Alarms;
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
        catch (Exception e) when (e is not RpcException)
        {
            throw Map(e, context);
        }
    }

    public override async Task ServerStreamingServerHandler<TRequest, TResponse>(TRequest request, IServerStreamWriter<TResponse> responseStream, ServerCallContext context, ServerStreamingServerMethod<TRequest, TResponse> continuation)
    {
        try
        {
            await continuation(request, responseStream, context);
        }
        catch (Exception) when (context.CancellationToken.IsCancellationRequested)
        {
            // The caller went away: nothing to tell it.
        }
        catch (Exception e) when (e is not RpcException)
        {
            throw Map(e, context);
        }
    }

    private RpcException Map(Exception e, ServerCallContext context)
    {
        switch (e)
        {
            case KeyNotFoundException:
                return new RpcException(new Status(StatusCode.NotFound, e.Message));
            case AlarmActionRefusedException or FacilityHub.Domain.WorkOrders.WorkOrderActionRefusedException or FacilityHub.Domain.Quality.QualityActionRefusedException:
                return new RpcException(new Status(StatusCode.FailedPrecondition, e.Message));
            case OperationCanceledException when context.CancellationToken.IsCancellationRequested:
                return new RpcException(new Status(StatusCode.Cancelled, "cancelled by the caller"));
            default:
                LogFailed(context.Method, e);
                return new RpcException(new Status(StatusCode.Internal, "the hub could not complete the call; see its log"));
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "{Method} failed")]
    private partial void LogFailed(string method, Exception exception);
}
