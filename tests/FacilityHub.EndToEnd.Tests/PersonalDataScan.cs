using System.Text.RegularExpressions;

namespace FacilityHub.EndToEnd.Tests;

/// <summary>Looks for residents' names and phone numbers in text (logs, API answers, InfluxDB's tag values): a name in
/// any letter case, a phone as written or with its spaces and dashes left out, or without its country code. Says which
/// home's resident it found, not the data itself.</summary>
public static partial class PersonalDataScan
{
    public static IReadOnlyList<string> Find(string text, IEnumerable<TestTopology.Resident> residents)
    {
        // Digits separated only by spaces, dashes, dots or brackets are joined: "+86 138-0000 0301" → "+8613800000301".
        string joined = DigitSeparators().Replace(text, "");
        var found = new List<string>();
        foreach (var r in residents)
        {
            if (text.Contains(r.Name, StringComparison.OrdinalIgnoreCase)) found.Add($"the name of the resident of {r.EquipmentId}");
            string digits = new([.. r.Phone.Where(char.IsAsciiDigit)]);
            // The national number: the last 11 digits (mainland China), or all of them for a shorter one.
            string national = digits.Length > 11 ? digits[^11..] : digits;
            if (text.Contains(r.Phone, StringComparison.Ordinal) || joined.Contains(national, StringComparison.Ordinal))
            {
                found.Add($"the phone number of the resident of {r.EquipmentId}");
            }
        }
        return found;
    }

    [GeneratedRegex(@"(?<=\d)[\s\-.()]+(?=\d)")]
    private static partial Regex DigitSeparators();
}
