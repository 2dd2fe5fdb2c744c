namespace FacilityHub.Grains.Alarms;

[GenerateSerializer, Alias("fh.AlarmTagState")]
public sealed class AlarmTagState
{
    /// <summary>Activations so far; the current (or last) occurrence's number.</summary>
    [Id(0)] public int Occurrence { get; set; }
    [Id(1)] public bool Active { get; set; }
    [Id(2)] public string Message { get; set; } = "";
    [Id(3)] public DateTimeOffset RaisedAt { get; set; }
    [Id(4)] public DateTimeOffset? ClearedAt { get; set; }
    [Id(5)] public string? WorkOrderId { get; set; }
}
