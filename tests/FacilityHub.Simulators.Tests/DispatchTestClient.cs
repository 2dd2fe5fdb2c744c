using FacilityHub.Dispatch.V1;
using Google.Protobuf.WellKnownTypes;
using Grpc.Net.Client;

namespace FacilityHub.Simulators.Tests;

/// <summary>A gRPC client of a dispatch simulator, and sample orders.</summary>
internal sealed class DispatchTestClient(Uri url) : IDisposable
{
    private readonly GrpcChannel _channel = GrpcChannel.ForAddress(url, new GrpcChannelOptions
    {
        HttpHandler = new SocketsHttpHandler { UseProxy = false },
    });

    public DispatchService.DispatchServiceClient Client => new(_channel);

    public static WorkOrder Order(string key, string equipmentId = "rs-b1-pump-1") => new()
    {
        IdempotencyKey = key,
        SiteId = "riverside",
        SiteName = "Riverside Gardens",
        BuildingId = "rs-b1",
        BuildingName = "Building 1",
        Location = "Room 301 of Mrs Example",
        EquipmentId = equipmentId,
        EquipmentName = "Booster pump 1",
        EquipmentKind = "water_pump",
        FaultCode = "burst_pipe",
        Description = "Outlet pressure 0.3 bar while running",
        Priority = WorkOrderPriority.Emergency,
        RaisedAt = Timestamp.FromDateTimeOffset(new DateTimeOffset(2026, 11, 25, 10, 0, 0, TimeSpan.Zero)),
        AlarmId = "alarm-1",
    };

    public async Task<CreateWorkOrderResponse> CreateAsync(string key) =>
        await Client.CreateWorkOrderAsync(new CreateWorkOrderRequest { Order = Order(key) });

    public void Dispose() => _channel.Dispose();
}
