namespace FacilityHub.Cli.Mqtt;

/// <summary>A device's broker user (its equipment id) and the topic prefix it may publish under.</summary>
public sealed record DeviceAccount(string Username, string TopicPrefix);
