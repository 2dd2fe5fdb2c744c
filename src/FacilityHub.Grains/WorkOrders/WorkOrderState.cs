using FacilityHub.Domain.WorkOrders;

namespace FacilityHub.Grains.WorkOrders;

[GenerateSerializer, Alias("fh.WorkOrderState")]
public sealed class WorkOrderState
{
    [Id(0)] public WorkOrderDraft? Draft { get; set; }
    [Id(1)] public WorkOrderStatus Status { get; set; }
    [Id(2)] public string? DispatchOrderId { get; set; }
    [Id(3)] public int SendAttempts { get; set; }
    [Id(4)] public string? LastError { get; set; }
    [Id(5)] public List<WorkOrderStep> Steps { get; set; } = [];
    [Id(6)] public HashSet<string> ReportIds { get; set; } = [];
}
