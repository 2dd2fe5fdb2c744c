namespace FacilityHub.Domain.Quality;

/// <summary>A quality action the current state does not allow (verifying an action nobody completed); the message says why.</summary>
public sealed class QualityActionRefusedException(string message) : Exception(message);
