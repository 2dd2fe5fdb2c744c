namespace FacilityHub.Domain.Alarms;

/// <summary>An alarm that chattered: <see cref="Activations"/> in the window, at most <see cref="MostWithinChatterWindow"/>
/// of them within one chatter window.</summary>
public sealed record ChatteringAlarm(string Tag, int Activations, int MostWithinChatterWindow, DateTimeOffset LastActivation);
