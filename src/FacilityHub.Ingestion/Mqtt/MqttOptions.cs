using System.ComponentModel.DataAnnotations;

namespace FacilityHub.Ingestion.Mqtt;

/// <summary>Section "Mqtt". <see cref="Username"/> and <see cref="Password"/> are the hub's own broker account
/// (<c>fhub mqtt credentials</c> makes one): it may read every device's topics and publish none.</summary>
public sealed class MqttOptions : IValidatableObject
{
    public const string Section = "Mqtt";

    [Required] public string Host { get; set; } = "127.0.0.1";
    [Range(1, 65535)] public int Port { get; set; } = 1883;
    public string? Username { get; set; }
    public string? Password { get; set; }

    /// <summary>Unique per hub instance: the broker keeps its QoS 1 session while it is down.</summary>
    [Required] public string ClientId { get; set; } = "facilityhub-1";

    /// <summary>Hub instances with the same group split the device stream (MQTT 5 shared subscription).</summary>
    [Required] public string SharedGroup { get; set; } = "facilityhub";

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Password is not null && string.IsNullOrEmpty(Username)) yield return new ValidationResult("is required when Mqtt:Password is set", [nameof(Username)]);
    }
}
