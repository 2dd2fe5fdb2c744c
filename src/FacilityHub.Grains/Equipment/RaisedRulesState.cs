namespace FacilityHub.Grains.Equipment;

/// <summary>What an equipment grain stores: the rules of the item whose alarm has ever been raised. Only their alarms can
/// be active, so only they hear a new monitor's first "clear" verdict after a restart.</summary>
[GenerateSerializer, Alias("fh.RaisedRulesState")]
public sealed class RaisedRulesState
{
    [Id(0)] public List<string> Rules { get; set; } = [];
}
