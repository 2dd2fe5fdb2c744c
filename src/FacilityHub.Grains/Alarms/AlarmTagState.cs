using FacilityHub.Domain.Alarms;

namespace FacilityHub.Grains.Alarms;

/// <summary>What an alarm grain stores: the lifecycle's fields, the latest condition message and the work order.</summary>
[GenerateSerializer, Alias("fh.AlarmTagState")]
public sealed class AlarmTagState
{
    /// <summary>Activations so far; the current (or last) occurrence's number.</summary>
    [Id(0)] public int Occurrence { get; set; }
    [Id(1)] public bool ConditionActive { get; set; }
    [Id(2)] public string Message { get; set; } = "";
    [Id(3)] public DateTimeOffset? RaisedAt { get; set; }
    [Id(4)] public DateTimeOffset? ClearedAt { get; set; }
    [Id(5)] public string? WorkOrderId { get; set; }
    [Id(6)] public AlarmLifecycleState State { get; set; } = AlarmLifecycleState.Normal;
    [Id(7)] public DateTimeOffset? ShelvedUntil { get; set; }
    [Id(8)] public List<AlarmStep> History { get; set; } = [];
    /// <summary>Keys of the latest notices taken (<see cref="IAlarmGrain.Notify"/>), oldest first.</summary>
    [Id(9)] public List<string> NoticeKeys { get; set; } = [];
}
