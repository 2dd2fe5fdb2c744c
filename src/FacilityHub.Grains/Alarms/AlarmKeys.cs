namespace FacilityHub.Grains.Alarms;

/// <summary>An alarm tag is (equipment, rule): "<c>equipment/rule</c>"; each activation of it is an alarm
/// occurrence "<c>equipment/rule/N</c>", which is also the id (and idempotency key) of its work order.</summary>
public static class AlarmKeys
{
    public static string Tag(string equipmentId, string ruleId) => $"{equipmentId}/{ruleId}";

    public static string Occurrence(string tag, int occurrence) => $"{tag}/{occurrence}";

    /// <summary>Splits an alarm id into its tag and occurrence; false when it is not shaped like one.</summary>
    public static bool TryParse(string alarmId, out string tag, out int occurrence)
    {
        tag = "";
        occurrence = 0;
        int slash = alarmId.LastIndexOf('/');
        if (slash <= 0 || !int.TryParse(alarmId.AsSpan(slash + 1), out occurrence) || occurrence <= 0) return false;
        tag = alarmId[..slash];
        return tag.Count(c => c == '/') == 1;
    }
}
