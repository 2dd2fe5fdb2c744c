namespace FacilityHub.EndToEnd.Tests;

/// <summary>The scan that guards the logs finds a resident however the text spells them, and only them.</summary>
public sealed class PersonalDataScanTests
{
    private static readonly TestTopology.Resident MeiLin = new("rs-b1-alarm-0301", "rs-b1", "Mei Lin", "+86 138 0000 0301");

    [Theory]
    [InlineData("12:00:01 info: call Mei Lin back", "the name of the resident of rs-b1-alarm-0301")]
    [InlineData("resident=MEI LIN", "the name of the resident of rs-b1-alarm-0301")]
    [InlineData("phone +86 138 0000 0301", "the phone number of the resident of rs-b1-alarm-0301")]
    [InlineData("phone +8613800000301", "the phone number of the resident of rs-b1-alarm-0301")]
    [InlineData("phone 138-0000-0301", "the phone number of the resident of rs-b1-alarm-0301")]
    [InlineData("{\"phone\":\"13800000301\"}", "the phone number of the resident of rs-b1-alarm-0301")]
    public void A_name_or_phone_number_is_found_in_any_spelling(string text, string expected)
    {
        Assert.Equal([expected], PersonalDataScan.Find(text, [MeiLin]));
    }

    [Fact]
    public void The_seeded_residents_are_found_and_a_log_without_them_is_clean()
    {
        var residents = TestTopology.Residents();
        const string Log = "05:46:13 info: ALARM rs-b1-alarm-0301/zone_tripped/1 raised, Emergency: Home alarm zone tripped (smoke); work order rs-b1-alarm-0301/zone_tripped/1\n" +
            "05:46:13 info: Work order rs-b1-alarm-0301/zone_tripped/1 handed to dispatch as D-000001 (attempt 1) at 2026-11-26 05:46:13.301";

        Assert.Equal(7, residents.Count);
        Assert.Empty(PersonalDataScan.Find(Log, residents));
        Assert.All(residents, r => Assert.Equal(2, PersonalDataScan.Find($"{Log}\n{r.Name} {r.Phone}", residents).Count));
    }
}
