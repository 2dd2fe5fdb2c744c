namespace FacilityHub.Ingestion.Mqtt;

public enum MessageKind
{
    Telemetry,
    Event,
}
