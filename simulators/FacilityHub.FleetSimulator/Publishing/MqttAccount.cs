namespace FacilityHub.FleetSimulator.Publishing;

/// <summary>A broker login. The password never goes into a log line or an exception.</summary>
public sealed record MqttAccount(string Username, string Password)
{
    public override string ToString() => $"MqttAccount {{ Username = {Username} }}";
}
