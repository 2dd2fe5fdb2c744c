namespace FacilityHub.Domain.Reports;

/// <summary>One alarm occurrence of an item's own rules: when it was raised and first acknowledged (null: never).</summary>
public sealed record AlarmFact(string AlarmId, string EquipmentId, DateTimeOffset RaisedAt, DateTimeOffset? AcknowledgedAt);
