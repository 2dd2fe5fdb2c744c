namespace FacilityHub.Grains.Equipment;

/// <summary>What an equipment grain stores: the rules of the item whose alarm has ever been stored (raised by the item, or
/// suppressed for maintenance), each named no later than its alarm is written. Only their alarms can be active, so only
/// they hear a new monitor's first "clear" verdict after a restart; every other alarm is raised without a read.</summary>
[GenerateSerializer, Alias("fh.RaisedRulesState")]
public sealed class RaisedRulesState
{
    [Id(0)] public List<string> Rules { get; set; } = [];
}
