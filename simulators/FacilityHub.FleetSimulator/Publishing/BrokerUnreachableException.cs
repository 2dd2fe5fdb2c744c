namespace FacilityHub.FleetSimulator.Publishing;

/// <summary>The first connection to the MQTT broker failed; the message names host:port and the cause.</summary>
public sealed class BrokerUnreachableException(string message, Exception innerException) : Exception(message, innerException);
