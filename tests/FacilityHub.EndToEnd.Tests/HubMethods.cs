using System.Reflection;
using FacilityHub.Api.V1;
using Google.Protobuf;
using Google.Protobuf.Reflection;
using Grpc.Core;

namespace FacilityHub.EndToEnd.Tests;

/// <summary>Every gRPC method of FacilityHub.Contracts, found from the generated descriptors (so a new service or
/// method shows up here by itself), and a way to call any of them with an empty request.</summary>
public static class HubMethods
{
    /// <summary>Served by the dispatch system; the hub only calls it.</summary>
    public const string DispatchService = "dispatch.v1.DispatchService";

    /// <summary>"/package.Service/Method" of every method of every service the contracts define.</summary>
    public static IReadOnlyDictionary<string, MethodDescriptor> All { get; } = typeof(AlarmService).Assembly.GetTypes()
        .Select(t => t.GetProperty("Descriptor", BindingFlags.Public | BindingFlags.Static)?.GetValue(null))
        .OfType<FileDescriptor>()
        .SelectMany(f => f.Services)
        .SelectMany(s => s.Methods)
        .ToDictionary(FullName);

    /// <summary>The methods the hub serves.</summary>
    public static IEnumerable<string> Served => All.Where(m => m.Value.Service.FullName != DispatchService).Select(m => m.Key).Order(StringComparer.Ordinal);

    public static string FullName(MethodDescriptor m) => $"/{m.Service.FullName}/{m.Name}";

    /// <summary>Calls <paramref name="fullName"/> with an empty request; a stream is read up to its first message.
    /// The status the call ended with (OK when it answered).</summary>
    public static async Task<StatusCode> CallWithEmptyRequestAsync(CallInvoker invoker, string fullName)
    {
        var m = All[fullName];
        var method = new Method<IMessage, IMessage>(
            (m.IsClientStreaming, m.IsServerStreaming) switch
            {
                (false, false) => MethodType.Unary,
                (false, true) => MethodType.ServerStreaming,
                (true, false) => MethodType.ClientStreaming,
                _ => MethodType.DuplexStreaming,
            },
            m.Service.FullName, m.Name,
            Marshallers.Create<IMessage>(r => r.ToByteArray(), b => m.InputType.Parser.ParseFrom(b)),
            Marshallers.Create<IMessage>(r => r.ToByteArray(), b => m.OutputType.Parser.ParseFrom(b)));
        var request = (IMessage)Activator.CreateInstance(m.InputType.ClrType)!;
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var options = new CallOptions(cancellationToken: cts.Token);
        try
        {
            switch (method.Type)
            {
                case MethodType.Unary:
                    await invoker.AsyncUnaryCall(method, null, options, request);
                    break;
                case MethodType.ServerStreaming:
                    using (var call = invoker.AsyncServerStreamingCall(method, null, options, request))
                    {
                        await call.ResponseStream.MoveNext(cts.Token);
                    }
                    break;
                default:
                    throw new NotSupportedException($"{fullName}: client streaming; teach the test to call it");
            }
            return StatusCode.OK;
        }
        catch (RpcException e)
        {
            return e.StatusCode;
        }
    }
}
