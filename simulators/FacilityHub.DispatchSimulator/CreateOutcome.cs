using FacilityHub.Dispatch.V1;

namespace FacilityHub.DispatchSimulator;

/// <summary>Result of handing a create call to the <see cref="WorkOrderStore"/>.</summary>
/// <param name="Order">Snapshot of the stored order after this call (create_calls included).</param>
/// <param name="Created">True when this call created the order; false for a repeated key.</param>
public sealed record CreateOutcome(ReceivedWorkOrder Order, bool Created);
